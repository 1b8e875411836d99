package io.filemill.pipeline.deliver;

import io.filemill.pipeline.concurrent.Threads;
import io.filemill.pipeline.stage.Stage;
import io.filemill.pipeline.task.Confinement;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.IoReasons;
import io.filemill.pipeline.task.Outcome.Failed;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deliver stage: publishes a batch of retitled files and removes their originals, as one
 * group commit. For each batch it
 * <ol>
 *   <li>when durable, forces the batch's rewritten (staged) files to disk, with one sync of their
 *       file system or several at a time (see {@link ForceMethod}): a file that cannot be forced is
 *       not published and stays in the inbox;</li>
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
 * by a concurrent batch is detected by the no-clobber link). Names are {@link Targets}', publishing
 * is {@link Publisher}'s.
 */
public final class Deliverer implements Stage<DeliveryBatch, List<Outcome>> {

    /**
     * How many file-system calls of a batch run at once: forcing its staged files, removing its
     * originals. One force waits for the disk, and disks serve several at a time: on this project's
     * machine 20,000 files delivered durably by two workers took 10.2-11.1 s forced two at a time
     * (each by the retitle thread that wrote it, as before) and 7.2-7.3 s forced eight at a time
     * here. Removing an original waits for the device too where the file system discards freed
     * blocks at once (see {@link ParallelIo}).
     */
    static final int IO_THREADS = 8;

    private final DeliverySettings settings;
    /** Target directories made or found by earlier batches: made once per run, not once per batch. */
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

    private final SpareJournals spareJournals;
    private final ParallelIo io = new ParallelIo(IO_THREADS, "deliver-io");
    /**
     * The file system sync of {@link ForceMethod#FILE_SYSTEM}, loaded in the background (JNA's
     * native part takes some milliseconds): batches force each file on its own until it is there,
     * and for good when it resolves to null (no usable syncfs here).
     */
    private final CompletableFuture<FileSystemSync> fileSystemSync;

    public Deliverer(DeliverySettings settings) {
        this(settings, settings.durability().forces() && settings.forceMethod() == ForceMethod.FILE_SYSTEM
                ? CompletableFuture.supplyAsync(Syncfs::load, task -> Threads.startDaemon("syncfs-load", task))
                : CompletableFuture.completedFuture(null));
    }

    /** A deliverer whose durable batches force their staged files with {@code fileSystemSync} once it is done (null: each file). */
    Deliverer(DeliverySettings settings, CompletableFuture<FileSystemSync> fileSystemSync) {
        this.settings = settings;
        this.spareJournals = new SpareJournals(settings.journalDir());
        this.fileSystemSync = fileSystemSync;
    }

    @Override
    public List<Outcome> run(DeliveryBatch batch) throws IOException {
        return deliver(batch);
    }

    /** Deletes the spare journals and ends the threads of file calls; call once no batch is being delivered any more. */
    @Override
    public void close() throws IOException {
        try {
            io.close();
        } finally {
            spareJournals.close();
        }
    }

    /**
     * Delivers a batch. Problems with single files become {@link Failed} outcomes.
     *
     * @throws IOException when the batch's journal cannot be written: nothing of the batch was
     *                     published, and its files stay in the inbox
     */
    public List<Outcome> deliver(DeliveryBatch batch) throws IOException {
        boolean force = settings.durability().forces();
        List<DeliveryStep> steps = new ArrayList<>(batch.results().size());
        try (Journal journal = Journal.open(settings.journalDir(), batch.id(), force, spareJournals)) {
            Map<Path, Intent> resumed = journal.resumed();
            Map<Path, IOException> unforced = force ? forceStaged(batch.results(), resumed) : Map.of();
            Targets targets = new Targets(settings);
            for (RetitleResult result : batch.results()) {
                DeliveryStep step = new DeliveryStep(result);
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
                                    + IoReasons.of(forceFailure));
                } else {
                    step.intent = targets.plan(result);
                    journal.record(step.intent);
                }
                steps.add(step);
            }
            Publisher publisher = new Publisher(settings, journal, targets, knownDirectories);
            for (DeliveryStep step : steps) {
                if (step.toPublish()) {
                    publisher.publish(step);
                }
            }
            if (force) {
                Directories.force(directoriesOf(steps, true));
            }
            removeOriginals(publisher, steps);
            if (force) {
                Directories.force(directoriesOf(steps, false));
            }
            for (DeliveryStep step : steps) {
                if (!step.refused) {
                    FastDelete.discardStaged(step.result);
                }
            }
            journal.complete();
        }
        List<Outcome> outcomes = new ArrayList<>(steps.size());
        for (DeliveryStep step : steps) {
            outcomes.add(step.outcome);
        }
        return outcomes;
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
     * earlier attempt): with one sync of processed/'s file system when there is one, else
     * {@link #IO_THREADS} at a time; returns the ones that failed, with why.
     */
    private Map<Path, IOException> forceStaged(List<RetitleResult> results, Map<Path, Intent> resumed)
            throws InterruptedIOException {
        List<Path> staged = new ArrayList<>();
        for (RetitleResult result : results) {
            if (result instanceof Rewritten r && refusal(result) == null && !resumed.containsKey(r.task().source())) {
                staged.add(r.staged());
            }
        }
        return StagedFiles.forceAll(io, fileSystemSync.getNow(null), settings.processed(), staged);
    }

    /**
     * Removes the originals of the published steps ({@link Publisher#removeOriginal} passes over the
     * others), {@link #IO_THREADS} at a time.
     *
     * @throws IOException when a published copy whose original could not be removed could not be
     *                     taken back either (the first such): the batch stops, and recovery finishes it
     */
    private void removeOriginals(Publisher publisher, List<DeliveryStep> steps) throws IOException {
        for (IOException failure : io.each(steps, publisher::removeOriginal)) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Takes over a publish that an earlier attempt of the batch did. */
    private void resume(DeliveryStep step, Intent done) throws IOException {
        step.intent = done;
        step.published = true;
        if (done.isFailure()) {
            if (Files.notExists(ReasonFiles.of(done.target()))) {
                ReasonFiles.write(done.target(), done.reason(), settings.durability().forces());
            }
            step.outcome = new Failed(step.task(), done.target(), done.reason());
        } else {
            step.outcome = Publisher.delivered(step.result, done.target());
        }
    }

    /** The directories a batch wrote to (published side) or removed from (inbox side), each once. */
    private Set<Path> directoriesOf(List<DeliveryStep> steps, boolean publishedSide) {
        Set<Path> directories = new LinkedHashSet<>();
        for (DeliveryStep step : steps) {
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
}
