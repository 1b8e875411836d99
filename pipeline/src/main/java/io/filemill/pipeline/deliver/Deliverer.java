package io.filemill.pipeline.deliver;

import io.filemill.pipeline.task.Confinement;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome.Delivered;
import io.filemill.pipeline.task.Outcome.Failed;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult.Rejected;
import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult.Unchanged;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The deliver stage: publishes a batch of retitled files and removes their originals, as one
 * group commit. For each batch it
 * <ol>
 *   <li>when durable, forces the batch's rewritten (staged) files to disk, several at a time: a
 *       file that cannot be forced is not published and stays in the inbox;</li>
 *   <li>records every intended publish in a journal (forced once, when durable);</li>
 *   <li>publishes each file under its final name without clobbering (a hard link of the staged
 *       file or of the unchanged original; an atomic rename under {@link CollisionPolicy#REPLACE}),
 *       and files that cannot be handled into the failed directory with a reason file;</li>
 *   <li>forces each directory it wrote to once, when durable;</li>
 *   <li>only then deletes the originals, and forces each inbox directory once.</li>
 * </ol>
 * Staged files are removed last, once the originals are gone. A crash at any point leaves each file
 * either still in the inbox or published. Delivering a batch again with the same id (its worker
 * died) resumes it: what the journal shows as published is taken as done. {@link Recovery}
 * finishes batches that a killed run left. Thread-safe: batches may run concurrently (a name taken
 * by a concurrent batch is detected by the no-clobber link).
 */
public final class Deliverer {

    /**
     * How many staged files a batch forces at once. One force waits for the disk, and disks serve
     * several at a time: on this project's machine 20,000 files delivered durably by two workers took
     * 10.2-11.1 s forced two at a time (each by the retitle thread that wrote it, as before) and
     * 7.2-7.3 s forced eight at a time here.
     */
    static final int FORCE_THREADS = 8;

    private final DeliverySettings settings;

    public Deliverer(DeliverySettings settings) {
        this.settings = settings;
    }

    /**
     * Delivers a batch. Problems with single files become {@link Failed} outcomes.
     *
     * @throws IOException when the batch's journal cannot be written: nothing of the batch was
     *                     published, and its files stay in the inbox
     */
    public List<Outcome> deliver(DeliveryBatch batch) throws IOException {
        boolean force = settings.durability().forces();
        List<Step> steps = new ArrayList<>(batch.results().size());
        Map<Path, Intent> resumed = Journal.publishedIntents(Journal.fileOf(settings.journalDir(), batch.id()));
        Map<Path, IOException> unforced = force ? forceStaged(batch.results(), resumed) : Map.of();
        try (Journal journal = Journal.open(settings.journalDir(), batch.id(), force)) {
            Set<Path> planned = new HashSet<>();
            Set<Path> madeDirectories = new HashSet<>();
            for (RetitleResult result : batch.results()) {
                Step step = new Step(result);
                String refusal = refusal(result);
                Intent done = resumed.get(result.task().source());
                IOException forceFailure = result instanceof Rewritten r ? unforced.get(r.staged()) : null;
                if (refusal != null) {
                    step.refused = true;
                    step.outcome = new Failed(result.task(), null, refusal);
                } else if (done != null) {
                    resume(step, done);
                } else if (forceFailure != null) {
                    // the machine's fault, not the file's: it stays in the inbox, its staged copy goes
                    step.held = true;
                    step.outcome = new Failed(result.task(), result.task().source(),
                            "left in the inbox: cannot deliver it: cannot force the rewritten file to disk: "
                                    + describe(forceFailure));
                } else {
                    step.intent = plan(result, planned);
                    journal.record(step.intent);
                }
                steps.add(step);
            }
            for (Step step : steps) {
                if (!step.published && !step.refused && !step.held) {
                    publish(step, journal, planned, madeDirectories);
                }
            }
            if (force) {
                Directories.force(directoriesOf(steps, true));
            }
            for (Step step : steps) {
                removeOriginal(step);
            }
            if (force) {
                Directories.force(directoriesOf(steps, false));
            }
            for (Step step : steps) {
                if (!step.refused) {
                    discardStaged(step.result);
                }
            }
            journal.complete();
        }
        List<Outcome> outcomes = new ArrayList<>(steps.size());
        for (Step step : steps) {
            outcomes.add(step.outcome);
        }
        return outcomes;
    }

    /** The state of one file within a batch. */
    private static final class Step {
        final RetitleResult result;
        Intent intent;
        boolean published;
        boolean originalGone;
        boolean refused;
        /** Not published because its staged file could not be forced; the staged file is discarded. */
        boolean held;
        Outcome outcome;

        Step(RetitleResult result) {
            this.result = result;
        }

        FileTask task() {
            return result.task();
        }
    }

    /**
     * Why a result must not be touched at all, or null: its original must be the inbox file its
     * name says, and a staged file must be one of the retitle stage's, in processed/.
     */
    private String refusal(RetitleResult result) {
        FileTask task = result.task();
        String outside = Confinement.refusalOutsideInbox(settings.inbox(), task);
        if (outside != null) {
            return outside;
        }
        if (result instanceof Rewritten rewritten && (!Confinement.inside(settings.processed(), rewritten.staged())
                || !rewritten.staged().getParent().equals(settings.processed())
                || !rewritten.staged().getFileName().toString().startsWith(Confinement.STAGING_PREFIX))) {
            return Confinement.REFUSED + "staged file " + rewritten.staged() + " is not a staged file in "
                    + settings.processed();
        }
        return null;
    }

    /**
     * Forces the staged files of a batch that are to be published (not refused, not published by an
     * earlier attempt), {@link #FORCE_THREADS} at a time; returns the ones that failed, with why.
     */
    private Map<Path, IOException> forceStaged(List<RetitleResult> results, Map<Path, Intent> resumed)
            throws InterruptedIOException {
        List<Path> staged = new ArrayList<>();
        for (RetitleResult result : results) {
            if (result instanceof Rewritten r && refusal(result) == null && !resumed.containsKey(r.task().source())) {
                staged.add(r.staged());
            }
        }
        return StagedFiles.forceAll(staged, FORCE_THREADS);
    }

    /** Takes over a publish that an earlier attempt of the batch did. */
    private void resume(Step step, Intent done) throws IOException {
        step.intent = done;
        step.published = true;
        if (done.isFailure()) {
            if (Files.notExists(reasonFile(done.target()))) {
                writeReason(done.target(), done.reason());
            }
            step.outcome = new Failed(step.task(), done.target(), done.reason());
        } else {
            step.outcome = delivered(step.result, done.target());
        }
    }

    private Intent plan(RetitleResult result, Set<Path> planned) {
        FileTask task = result.task();
        if (result instanceof Rejected rejected) {
            return failureIntent(task, rejected.reason(), planned);
        }
        Path source = result instanceof Rewritten rewritten ? rewritten.staged() : task.source();
        Path wanted = settings.processed().resolve(task.relativeName());
        Path target = switch (settings.collisions()) {
            case REPLACE -> wanted;
            case SUFFIX -> freeName(wanted, planned);
            case FAIL -> isTaken(wanted, planned) ? null : wanted;
        };
        if (target == null) {
            return failureIntent(task, "processed directory already has a file named '" + task.relativeName() + "'",
                    planned);
        }
        planned.add(target);
        return new Intent(task.source(), source, target, null);
    }

    private Intent failureIntent(FileTask task, String reason, Set<Path> planned) {
        Path target = freeName(settings.failed().resolve(task.relativeName()), planned);
        planned.add(target);
        return new Intent(task.source(), task.source(), target, reason);
    }

    private void publish(Step step, Journal journal, Set<Path> planned, Set<Path> madeDirectories)
            throws IOException {
        Intent intent = step.intent;
        try {
            if (madeDirectories.add(intent.target().getParent())) {
                Files.createDirectories(intent.target().getParent()); // once per directory and batch
            }
            while (true) {
                journal.sync();
                try {
                    if (!intent.isFailure() && settings.collisions() == CollisionPolicy.REPLACE) {
                        Files.move(intent.source(), intent.target(), StandardCopyOption.ATOMIC_MOVE);
                        step.originalGone = intent.source().equals(intent.original());
                    } else {
                        Files.createLink(intent.target(), intent.source());
                    }
                    break;
                } catch (FileAlreadyExistsException taken) {
                    if (!intent.isFailure() && settings.collisions() == CollisionPolicy.FAIL) {
                        throw new CollisionException(step.task().relativeName());
                    }
                    // a concurrent batch took the name between plan and publish: record the next one
                    intent = new Intent(intent.original(), intent.source(), freeName(intent.target(), planned),
                            intent.reason());
                    planned.add(intent.target());
                    journal.record(intent);
                }
            }
            step.intent = intent;
            step.published = true;
            if (intent.isFailure()) {
                reasonBeside(step);
            } else {
                step.outcome = delivered(step.result, intent.target());
            }
        } catch (Journal.Failure e) {
            throw e; // nothing more of this batch may be published; its files stay in the inbox
        } catch (NoSuchFileException vanished) {
            step.outcome = new Failed(step.task(), null, "file vanished from the inbox before delivery");
        } catch (CollisionException e) {
            step.intent = failureIntent(step.task(), e.getMessage(), planned);
            journal.record(step.intent);
            publish(step, journal, planned, madeDirectories);
        } catch (IOException e) {
            // the machine's fault, not the file's: it stays in the inbox, and a later run delivers it
            step.outcome = new Failed(step.task(), step.task().source(), (intent.isFailure() ? intent.reason() + "; " : "")
                    + "left in the inbox: cannot " + (intent.isFailure() ? "move it to the failed directory" : "deliver it")
                    + ": " + describe(e));
        }
    }

    /** Writes a failed file's reason beside it; without its reason it goes back to the inbox. */
    private void reasonBeside(Step step) throws IOException {
        Intent intent = step.intent;
        try {
            writeReason(intent.target(), intent.reason());
            step.outcome = new Failed(step.task(), intent.target(), intent.reason());
        } catch (IOException e) {
            Files.deleteIfExists(intent.target()); // the original is still in the inbox
            step.published = false;
            step.outcome = new Failed(step.task(), step.task().source(), intent.reason()
                    + "; left in the inbox: cannot write its reason in the failed directory: " + describe(e));
        }
    }

    private void removeOriginal(Step step) throws IOException {
        if (!step.published || step.originalGone) {
            return;
        }
        try {
            delete(step.task().source());
            if (settings.readyMarker() != null) {
                Files.deleteIfExists(step.task().source().resolveSibling(step.task().source().getFileName()
                        + settings.readyMarker()));
            }
        } catch (NoSuchFileException alreadyGone) {
            // someone removed it after we published: the published copy is all there is
        } catch (IOException e) {
            // the original must not stay in two places: take the published copy back
            Files.deleteIfExists(step.intent.target());
            if (step.intent.isFailure()) {
                Files.deleteIfExists(reasonFile(step.intent.target()));
            }
            step.published = false;
            step.outcome = new Failed(step.task(), step.task().source(),
                    "cannot remove the original from the inbox, so it stays there: " + describe(e));
        }
    }

    private Outcome delivered(RetitleResult result, Path target) {
        if (result instanceof Rewritten r) {
            // a file copied unchanged (cross-device mode) is staged too
            return new Delivered(r.task(), target, !Objects.equals(r.oldTitle(), r.newTitle()), r.oldTitle(),
                    r.newTitle(), r.bytes());
        }
        if (result instanceof Unchanged u) {
            return new Delivered(u.task(), target, false, u.title(), u.title(), u.task().size());
        }
        throw new IllegalStateException("a rejected file is never delivered: " + result.task().relativeName());
    }

    private void writeReason(Path failedFile, String reason) throws IOException {
        Path reasonFile = reasonFile(failedFile);
        Path temp = failedFile.resolveSibling(Confinement.STAGING_PREFIX + "reason-" + UUID.randomUUID()
                + Confinement.STAGING_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(reason + "\n"));
            if (settings.durability().forces()) {
                channel.force(true);
            }
        }
        Files.move(temp, reasonFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path reasonFile(Path failedFile) {
        return failedFile.resolveSibling(failedFile.getFileName() + DeliverySettings.REASON_SUFFIX);
    }

    private static void discardStaged(RetitleResult result) throws IOException {
        if (result instanceof Rewritten rewritten && !(isDefault(rewritten.staged()) && rewritten.staged().toFile().delete())) {
            Files.deleteIfExists(rewritten.staged()); // gone already, a failure to report, or another file system
        }
    }

    /**
     * Deletes a regular file with one system call ({@link Files#delete} looks at the file first);
     * when that fails, {@link Files#delete} says why.
     */
    private static void delete(Path file) throws IOException {
        if (!(isDefault(file) && file.toFile().delete())) {
            Files.delete(file);
        }
    }

    private static boolean isDefault(Path file) {
        return file.getFileSystem() == FileSystems.getDefault();
    }

    /** {@code wanted} when it is free, else the first free {@code stem-N.ext}. */
    private static Path freeName(Path wanted, Set<Path> planned) {
        if (!isTaken(wanted, planned)) {
            return wanted;
        }
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path candidate = wanted.resolveSibling(stem + "-" + n + extension);
            if (!isTaken(candidate, planned)) {
                return candidate;
            }
        }
    }

    private static boolean isTaken(Path path, Set<Path> planned) {
        return planned.contains(path) || Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** The directories a batch wrote to (published side) or removed from (inbox side), each once. */
    private Set<Path> directoriesOf(List<Step> steps, boolean publishedSide) {
        Set<Path> directories = new LinkedHashSet<>();
        for (Step step : steps) {
            if (!step.published) {
                continue;
            }
            if (publishedSide) {
                Path root = step.intent.isFailure() ? settings.failed() : settings.processed();
                for (Path dir = step.intent.target().getParent(); dir != null && dir.startsWith(root);
                     dir = dir.getParent()) {
                    directories.add(dir);
                }
            } else {
                directories.add(step.task().source().getParent());
            }
        }
        return directories;
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The collision policy {@code fail} met an existing file. */
    private static final class CollisionException extends IOException {
        CollisionException(String name) {
            super("processed directory already has a file named '" + name + "'");
        }
    }
}
