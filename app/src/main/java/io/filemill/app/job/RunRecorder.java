package io.filemill.app.job;

import io.filemill.app.report.FileProblem;
import io.filemill.app.report.RunProblems;
import io.filemill.pipeline.engine.RunListener;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome.Delivered;
import io.filemill.pipeline.task.Outcome.Failed;
import io.filemill.pipeline.task.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what happens to the files of one run and keeps the problems (up to a limit, so memory stays
 * bounded however many files fail). Thread-safe.
 */
final class RunRecorder implements RunListener {

    /** At most this many failures and skips are kept by name; the counts are always exact. */
    static final int KEPT_PROBLEMS = RunProblems.KEPT;

    /** Latencies above an hour are recorded as an hour. */
    private static final long MAX_LATENCY_NANOS = TimeUnit.HOURS.toNanos(1);

    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

    private final Path inbox;
    private final LongAdder taken = new LongAdder();
    private final LongAdder throughRetitle = new LongAdder();
    private final LongAdder retitled = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder left = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder deferred = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final Queue<FileProblem> failures = new ConcurrentLinkedQueue<>();
    private final Queue<FileProblem> lefts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger keptLefts = new AtomicInteger();
    private final Queue<FileProblem> skips = new ConcurrentLinkedQueue<>();
    private final Queue<FileProblem> deferrals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger keptDeferrals = new AtomicInteger();
    private final AtomicInteger keptFailures = new AtomicInteger();
    private final AtomicInteger keptSkips = new AtomicInteger();
    private final Map<Long, Long> takenAt = new ConcurrentHashMap<>();
    private final Histogram latency = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
    private final AtomicReference<Instant> firstDelivered = new AtomicReference<>();
    private final CompletableFuture<Void> firstSeen = new CompletableFuture<>();

    public RunRecorder(Path inbox) {
        this.inbox = inbox;
    }

    @Override
    public void taken(FileTask task) {
        seen();
        taken.increment();
        takenAt.put(task.id(), System.nanoTime());
    }

    @Override
    public void retitled(FileTask task) {
        throughRetitle.increment();
    }

    /** Files that came out of the retitle stage so far. */
    long throughRetitle() {
        return throughRetitle.sum();
    }

    @Override
    public void outcome(Outcome outcome) {
        Long since = takenAt.remove(outcome.task().id());
        if (since != null) {
            latency.recordValue(Math.min(System.nanoTime() - since, MAX_LATENCY_NANOS));
        }
        if (outcome instanceof Delivered && firstDelivered.get() == null) {
            firstDelivered.compareAndSet(null, Instant.now());
        }
        if (outcome instanceof Delivered delivered) {
            (delivered.changed() ? retitled : unchanged).increment();
            bytes.add(delivered.bytes());
            log.debug("delivered {} -> {} ({} -> {})", delivered.task().relativeName(), delivered.target(),
                    delivered.oldTitle(), delivered.newTitle());
        } else if (outcome instanceof Failed f && f.isLeftInInbox()) {
            left.increment();
            log.debug("left in the inbox {}: {}", f.task().relativeName(), f.reason());
            if (keptLefts.incrementAndGet() <= KEPT_PROBLEMS) {
                lefts.add(new FileProblem(f.task().relativeName(), f.reason(), f.location().toString()));
            }
        } else if (outcome instanceof Failed f) {
            failed.increment();
            log.debug("failed {}: {}", f.task().relativeName(), f.reason());
            if (keptFailures.incrementAndGet() <= KEPT_PROBLEMS) {
                failures.add(new FileProblem(f.task().relativeName(), f.reason(),
                        f.location() == null ? null : f.location().toString()));
            }
        }
    }

    @Override
    public void skipped(Path path, String reason) {
        seen();
        skipped.increment();
        log.debug("skipped {}: {}", path, reason);
        if (keptSkips.incrementAndGet() <= KEPT_PROBLEMS) {
            skips.add(new FileProblem(inbox.relativize(path).toString(), reason, path.toString()));
        }
    }

    @Override
    public void deferred(Path path, String reason) {
        seen();
        deferred.increment();
        log.debug("deferred {}: {}", inbox.relativize(path), reason); // summarised once at the end: see deferralSummary
        if (keptDeferrals.incrementAndGet() <= KEPT_PROBLEMS) {
            deferrals.add(new FileProblem(inbox.relativize(path).toString(), reason, path.toString()));
        }
    }

    private void seen() {
        if (!firstSeen.isDone()) {
            firstSeen.complete(null);
        }
    }

    /** Completes when the run first sees a file: taken, skipped or deferred. */
    CompletableFuture<Void> firstSeen() {
        return firstSeen;
    }

    /** Whether the run has seen any file: taken, skipped or deferred. */
    boolean sawAnything() {
        return firstSeen.isDone();
    }

    /**
     * Each file's time from being taken off the inbox to its outcome, in nanoseconds. The files in
     * flight are kept by id only until their outcome, so memory stays bounded by the pipeline's window.
     */
    public Histogram latency() {
        return latency.copy();
    }

    /** When the first file was delivered, or null. */
    public Instant firstDelivered() {
        return firstDelivered.get();
    }

    public long deferredCount() {
        return deferred.sum();
    }

    /** One line for the log about the files not ready yet, naming a few; null when there were none. */
    public String deferralSummary() {
        long count = deferred.sum();
        if (count == 0) {
            return null;
        }
        List<String> names = deferrals.stream().limit(3).map(FileProblem::file).toList();
        return count + " files not ready yet (for example " + String.join(", ", names) + (count > names.size()
                ? ", ..." : "") + "); a later run takes them";
    }

    public List<FileProblem> deferrals() {
        return new ArrayList<>(deferrals);
    }

    /** A consistent-enough view of the counts for progress and for the step's record. */
    public Counts counts() {
        return new Counts(taken.sum(), retitled.sum(), unchanged.sum(), failed.sum(), left.sum(), skipped.sum(),
                bytes.sum());
    }

    /**
     * Once the run has ended: every file taken that has no outcome (which only an engine bug can
     * cause) is recorded as left in the inbox, so that the counts add up whatever happened.
     *
     * @return how many such files there were
     */
    public int accountForTheUnanswered() {
        int unanswered = 0;
        for (Long id : List.copyOf(takenAt.keySet())) {
            if (takenAt.remove(id) != null) {
                unanswered++;
                left.increment();
            }
        }
        if (unanswered > 0) {
            log.error("{} files taken got no outcome; they are still in the inbox", unanswered);
            lefts.add(new FileProblem("(" + unanswered + " files)", "taken but never answered by the pipeline; "
                    + "still in the inbox", inbox.toString()));
        }
        return unanswered;
    }

    public List<FileProblem> failures() {
        return new ArrayList<>(failures);
    }

    /** Files taken but left in the inbox, each with the reason. */
    public List<FileProblem> lefts() {
        return new ArrayList<>(lefts);
    }

    public List<FileProblem> skips() {
        return new ArrayList<>(skips);
    }

    /**
     * Counts of a run so far. {@code done} is every file that has its outcome: delivered, failed, or
     * left in the inbox.
     */
    public record Counts(long taken, long retitled, long unchanged, long failed, long left, long skipped, long bytes) {

        public long delivered() {
            return retitled + unchanged;
        }

        public long done() {
            return retitled + unchanged + failed + left;
        }

        Counts minus(Counts earlier) {
            return new Counts(taken - earlier.taken, retitled - earlier.retitled, unchanged - earlier.unchanged,
                    failed - earlier.failed, left - earlier.left, skipped - earlier.skipped, bytes - earlier.bytes);
        }

        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);
    }
}
