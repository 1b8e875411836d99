package io.filemill.pipeline.retitle;

import io.filemill.pipeline.rule.TitleContext;
import io.filemill.pipeline.task.Confinement;
import io.filemill.pipeline.task.Deadline;
import io.filemill.pipeline.task.DeadlineExceededException;
import io.filemill.pipeline.task.EngineBugException;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.IoReasons;
import io.filemill.pipeline.task.RetitleResult.Rejected;
import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult.Unchanged;
import io.filemill.pipeline.task.RetitleResult;
import io.filemill.pipeline.title.TitleFormat;
import io.filemill.pipeline.title.TitleFormats;
import io.filemill.pipeline.title.TitleLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The retitle stage's work on one file: reads the head, finds the title, applies the rules, and
 * stages the rewritten file (head with the new title, then the rest copied as bytes). The whole
 * file is checked to be UTF-8 text while it streams through; only the head is held in memory.
 * Thread-safe: every call works on its own file.
 */
public final class Retitler {

    private final RetitleSettings settings;
    private final TitleFormats formats;
    private final StagedWriter staging;

    /**
     * A file that could not be read or whose rewrite could not be written is no fault of the file's
     * (permissions, a full or failing disk): the stage throws, so the file stays in the inbox with
     * the reason and a later run takes it. Only what is wrong with the content sends it to failed/.
     */
    private static UncheckedIOException machineFault(String what, IOException cause) {
        return new UncheckedIOException(what + ": " + IoReasons.of(cause), cause);
    }

    public Retitler(RetitleSettings settings) {
        this(settings, settings.formats());
    }

    /** With other formats than the settings', for tests. */
    Retitler(RetitleSettings settings, TitleFormats formats) {
        this.settings = settings;
        this.formats = formats;
        this.staging = new StagedWriter(settings);
    }

    /**
     * Retitles one file. What is wrong with the file becomes a {@link Rejected} result; what is wrong
     * with the machine (a file that cannot be read or staged) an {@link java.io.UncheckedIOException};
     * a bug of filemill's an {@link EngineBugException}. Neither exception touches the file.
     */
    public RetitleResult retitle(FileTask task) {
        String refusal = Confinement.refusalOutsideInbox(settings.inbox(), task);
        if (refusal != null) {
            // the deliver stage leaves such a file where it is; it was never filemill's to touch
            return new Rejected(task, refusal);
        }
        Deadline deadline = Deadline.after(settings.fileTimeout());
        try (InputStream in = Files.newInputStream(task.source(), LinkOption.NOFOLLOW_LINKS)) {
            Reading reading = read(in, task, deadline);
            FileHead head = reading.head();
            TextCheck check = reading.check();
            TitleFormat format = reading.format();
            if (reading.title().isEmpty()) {
                return settings.crossDevice() ? staging.stage(task, in, check, head, null, format.name(), null, deadline)
                        : verifyRest(in, check, head, new Unchanged(task, format.name(), null), deadline);
            }
            TitleLocation title = reading.title().get();
            String newTitle = settings.rules().apply(title.title(),
                    new TitleContext(task.fileName(), settings.runDate(), deadline));
            deadline.checkNow();
            if (newTitle.equals(title.title())) {
                return settings.crossDevice()
                        ? copyKeeping(staging.stage(task, in, check, head, null, format.name(), null, deadline),
                                title.title())
                        : verifyRest(in, check, head, new Unchanged(task, format.name(), title.title()), deadline);
            }
            return staging.stage(task, in, check, head, title, format.name(), newTitle, deadline);
        } catch (DeadlineExceededException e) {
            return new Rejected(task, e.getMessage() + "; the file may be too large or too complex for the "
                    + "title rules (see filemill.title.file-timeout)");
        } catch (CancellationException e) {
            throw e; // the run is stopping: the file stays in the inbox
        } catch (StagedWriter.StagingFailure e) {
            throw machineFault("cannot write the rewritten file in " + settings.stagingDir(), (IOException) e.getCause());
        } catch (BadTextException e) {
            return new Rejected(task, e.getMessage());
        } catch (NoSuchFileException e) {
            return new Rejected(task, "file vanished from the inbox before it was read");
        } catch (IOException e) {
            throw machineFault("cannot read " + task.source(), e);
        } catch (RuntimeException e) {
            // nothing above throws one for a bad file: this is filemill's fault, and the file stays where it is
            throw new EngineBugException(task, e);
        }
    }

    /** A file's head, checked as far as it goes, its format, and where its title is (if it has one). */
    private record Reading(FileHead head, TextCheck check, TitleFormat format, Optional<TitleLocation> title) {
    }

    private Reading read(InputStream in, FileTask task, Deadline deadline) throws IOException {
        FileHead head = FileHead.read(in, settings.headLimit(), task.size());
        TextCheck check = new TextCheck();
        check.feed(head.bytes, head.bomLength, head.length - head.bomLength);
        if (head.complete) {
            check.finish(); // a file that ends inside a character must not be decoded with a replacement for it
        }
        String text = head.text(check.asciiOnly());
        TitleFormat format = formats.forFile(task.fileName(), text);
        return new Reading(head, check, format, format.locate(text, head.complete, deadline));
    }

    /** The title a run would write, without touching anything: for dry runs. */
    public TitlePreview preview(FileTask task) {
        try (InputStream in = Files.newInputStream(task.source(), LinkOption.NOFOLLOW_LINKS)) {
            Reading reading = read(in, task, Deadline.none());
            String format = reading.format().name();
            if (reading.title().isEmpty()) {
                return new TitlePreview(task, format, null, null, null);
            }
            String old = reading.title().get().title();
            return new TitlePreview(task, format, old,
                    settings.rules().apply(old, new TitleContext(task.fileName(), settings.runDate())), null);
        } catch (IOException | RuntimeException e) {
            return new TitlePreview(task, null, null, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * Removes what a retitle that never answered (its worker was killed) may have staged for a task.
     * Call only once nothing can be writing it any more.
     */
    public static void discardStaged(RetitleSettings settings, FileTask task) {
        try {
            Files.deleteIfExists(StagedWriter.stagedPath(settings, task));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the staged copy of " + task.relativeName(), e);
        }
    }

    private static RetitleResult verifyRest(InputStream in, TextCheck check, FileHead head, RetitleResult result,
                                            Deadline deadline) throws IOException {
        if (head.complete) {
            return result; // checked to the end with the head
        }
        byte[] buffer = new byte[StagedWriter.CHUNK];
        for (int n; (n = in.read(buffer)) > 0; ) {
            deadline.checkNow();
            check.feed(buffer, 0, n);
        }
        check.finish();
        return result;
    }

    /** A file whose title stays, copied byte for byte (cross-device mode), with its title for the report. */
    private static RetitleResult copyKeeping(RetitleResult copy, String title) {
        Rewritten r = (Rewritten) copy;
        return new Rewritten(r.task(), r.staged(), r.format(), title, title, r.bytes());
    }

}
