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
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The retitle stage's work on one file: reads the head, finds the title, applies the rules, and
 * stages the rewritten file (head with the new title, then the rest copied as bytes). The whole
 * file is checked to be UTF-8 text while it streams through; only the head is held in memory.
 * Thread-safe: every call works on its own file.
 */
public final class Retitler {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final RetitleSettings settings;
    private final TitleFormats formats;

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
            Head head = Head.read(in, settings.headLimit());
            TextCheck check = new TextCheck();
            check.feed(head.bytes, head.bomLength, head.length - head.bomLength);
            String text = head.text(check.asciiOnly());
            TitleFormat format = formats.forFile(task.fileName(), text);
            Optional<TitleLocation> location = format.locate(text, head.complete, deadline);
            if (location.isEmpty()) {
                return settings.crossDevice() ? stage(task, in, check, head, null, format.name(), null, deadline)
                        : verifyRest(in, check, new Unchanged(task, format.name(), null), deadline);
            }
            TitleLocation title = location.get();
            String newTitle = settings.rules().apply(title.title(),
                    new TitleContext(task.fileName(), settings.runDate(), deadline));
            deadline.checkNow();
            if (newTitle.equals(title.title())) {
                return settings.crossDevice()
                        ? copyKeeping(stage(task, in, check, head, null, format.name(), null, deadline), title.title())
                        : verifyRest(in, check, new Unchanged(task, format.name(), title.title()), deadline);
            }
            return stage(task, in, check, head, title, format.name(), newTitle, deadline);
        } catch (DeadlineExceededException e) {
            return new Rejected(task, e.getMessage() + "; the file may be too large or too complex for the "
                    + "title rules (see filemill.title.file-timeout)");
        } catch (CancellationException e) {
            throw e; // the run is stopping: the file stays in the inbox
        } catch (StagingFailure e) {
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

    /** The title a run would write, without touching anything: for dry runs. */
    public TitlePreview preview(FileTask task) {
        try (InputStream in = Files.newInputStream(task.source(), LinkOption.NOFOLLOW_LINKS)) {
            Head head = Head.read(in, settings.headLimit());
            TextCheck check = new TextCheck();
            check.feed(head.bytes, head.bomLength, head.length - head.bomLength);
            String text = head.text(check.asciiOnly());
            TitleFormat format = formats.forFile(task.fileName(), text);
            Optional<TitleLocation> location = format.locate(text, head.complete);
            if (location.isEmpty()) {
                return new TitlePreview(task, format.name(), null, null, null);
            }
            String old = location.get().title();
            return new TitlePreview(task, format.name(), old,
                    settings.rules().apply(old, new TitleContext(task.fileName(), settings.runDate())), null);
        } catch (IOException | RuntimeException e) {
            return new TitlePreview(task, null, null, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Where a task's rewritten content is staged. */
    static Path stagedPath(RetitleSettings settings, FileTask task) {
        return settings.stagingDir().resolve(Confinement.STAGING_PREFIX + settings.stagingTag() + "-" + task.id()
                + Confinement.STAGING_SUFFIX);
    }

    /**
     * Removes what a retitle that never answered (its worker was killed) may have staged for a task.
     * Call only once nothing can be writing it any more.
     */
    public static void discardStaged(RetitleSettings settings, FileTask task) {
        try {
            Files.deleteIfExists(stagedPath(settings, task));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the staged copy of " + task.relativeName(), e);
        }
    }

    /** Creates the staged file; one left by an attempt whose worker died is replaced. */
    private static FileChannel createStaged(Path staged) throws IOException {
        try {
            return FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException leftByAnEarlierAttempt) {
            Files.delete(staged);
            return FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    private static RetitleResult verifyRest(InputStream in, TextCheck check, RetitleResult result,
                                            Deadline deadline) throws IOException {
        byte[] buffer = new byte[CHUNK];
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

    /**
     * Writes the file with its new title as a staged file in processed/. {@code title} is null for a
     * file without one, which is then copied as it is (cross-device mode only).
     */
    private RetitleResult stage(FileTask task, InputStream in, TextCheck check, Head head, TitleLocation title,
                                String format, String newTitle, Deadline deadline) throws IOException {
        String text = head.text(check.asciiOnly());
        int byteStart = title == null ? head.length : head.bomLength + utf8Length(text, 0, title.start());
        int byteEnd = title == null ? head.length : byteStart + utf8Length(text, title.start(), title.end());
        byte[] encodedTitle = title == null ? new byte[0]
                : title.encoder().apply(newTitle).getBytes(StandardCharsets.UTF_8);
        Path staged = stagedPath(settings, task);
        long bytes = 0;
        boolean done = false;
        CRC32C written = new CRC32C();
        FileChannel channel = staging(() -> createStaged(staged));
        try {
            staging(() -> copyPermissions(task.source(), staged));
            OutputStream out = new StagingOutput(new CheckedOutputStream(Channels.newOutputStream(channel), written));
            byte[] buffer = new byte[CHUNK];
            int filled = 0;
            filled = append(out, buffer, filled, head.bytes, 0, byteStart);
            filled = append(out, buffer, filled, encodedTitle, 0, encodedTitle.length);
            filled = append(out, buffer, filled, head.bytes, byteEnd, head.length - byteEnd);
            bytes = byteStart + encodedTitle.length + (head.length - byteEnd);
            out.write(buffer, 0, filled);
            for (int n; (n = in.read(buffer)) > 0; ) {
                deadline.checkNow();
                check.feed(buffer, 0, n);
                out.write(buffer, 0, n);
                bytes += n;
            }
            check.finish();
            staging(() -> channel.close()); // a full disk may show only here
            if (settings.crossDevice()) {
                staging(() -> verify(staged, written.getValue()));
            }
            done = true;
        } finally {
            if (!done) {
                channel.close();
                Files.deleteIfExists(staged);
            }
        }
        return new Rewritten(task, staged, format, title == null ? null : title.title(), newTitle, bytes);
    }

    /** Reads a staged copy back: another file system must hold exactly what was written to it. */
    private static void verify(Path staged, long expectedCrc) throws IOException {
        CRC32C read = new CRC32C();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(staged), read)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (read.getValue() != expectedCrc) {
            throw new IOException("the copy in " + staged.getParent() + " does not read back as written");
        }
    }

    /**
     * Writing the staged file failed: the file system of processed/ is full, read-only or failing.
     * That is no fault of the file, so it must not go to failed/: the stage throws, and the file
     * stays in the inbox for a later run.
     */
    private static final class StagingFailure extends RuntimeException {
        StagingFailure(IOException cause) {
            super(cause);
        }
    }

    private interface StagingStep<T> {
        T run() throws IOException;
    }

    private interface StagingAction {
        void run() throws IOException;
    }

    private static <T> T staging(StagingStep<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new StagingFailure(e);
        }
    }

    private static void staging(StagingAction action) {
        staging(() -> {
            action.run();
            return null;
        });
    }

    /** The staged file's stream: its failures are {@link StagingFailure}s, told apart from reading. */
    private static final class StagingOutput extends FilterOutputStream {
        StagingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {
            staging(() -> out.write(b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            staging(() -> out.write(bytes, offset, length));
        }
    }

    /** Buffers small writes; returns the new fill level. */
    private static int append(OutputStream out, byte[] buffer, int filled, byte[] source, int from, int length)
            throws IOException {
        if (filled + length > buffer.length) {
            out.write(buffer, 0, filled);
            filled = 0;
            if (length > buffer.length) {
                out.write(source, from, length);
                return 0;
            }
        }
        System.arraycopy(source, from, buffer, filled, length);
        return filled + length;
    }

    private static void copyPermissions(Path source, Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(source, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            Files.setPosixFilePermissions(target, view.readAttributes().permissions());
        }
    }

    private static int utf8Length(String text, int from, int to) {
        return text.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The first bytes of a file, its byte order mark, and the part of it that decodes as whole characters. */
    private static final class Head {
        final byte[] bytes;
        final int length;
        final int bomLength;
        final boolean complete;
        private final int textEnd;
        private String text;

        private Head(byte[] bytes, int length, int bomLength, boolean complete, int textEnd) {
            this.bytes = bytes;
            this.length = length;
            this.bomLength = bomLength;
            this.complete = complete;
            this.textEnd = textEnd;
        }

        static Head read(InputStream in, int limit) throws IOException {
            byte[] bytes = in.readNBytes(limit);
            int length = bytes.length;
            boolean complete = length < limit;
            if (!complete) {
                // one byte more tells whether the head is the whole file; keep it in the head
                int next = in.read();
                if (next < 0) {
                    complete = true;
                } else {
                    bytes = java.util.Arrays.copyOf(bytes, length + 1);
                    bytes[length++] = (byte) next;
                }
            }
            if (length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                    || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
                throw new BadTextException("UTF-16 text is not supported (byte order mark at offset 0); "
                        + "convert the file to UTF-8", 0);
            }
            int bom = length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2]
                    ? 3 : 0;
            int textEnd = complete ? length : wholeCharactersEnd(bytes, bom, length);
            return new Head(bytes, length, bom, complete, textEnd);
        }

        /** End of the last complete UTF-8 character in bytes[from, length). */
        private static int wholeCharactersEnd(byte[] bytes, int from, int length) {
            int lead = length - 1;
            while (lead > from && lead > length - 4 && (bytes[lead] & 0xC0) == 0x80) {
                lead--;
            }
            int b = bytes[lead] & 0xFF;
            int needed = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return lead + needed <= length ? length : lead;
        }

        /**
         * The head as text, decoded once. {@code asciiOnly} says that the head's bytes were checked
         * and are all ASCII: they are then copied as they are, skipping the decoder's own scan.
         */
        String text(boolean asciiOnly) {
            if (text == null) {
                text = new String(bytes, bomLength, textEnd - bomLength,
                        asciiOnly ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            return text;
        }
    }
}
