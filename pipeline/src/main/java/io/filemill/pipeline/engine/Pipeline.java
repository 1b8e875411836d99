package io.filemill.pipeline.engine;

import io.filemill.pipeline.concurrent.Threads;
import io.filemill.pipeline.scan.FileSource;
import io.filemill.pipeline.scan.ReadAhead;
import io.filemill.pipeline.scan.ScanListener;
import io.filemill.pipeline.stage.WorkerPoolException;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.ProcessTag;
import io.filemill.pipeline.task.EngineBugException;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of the pipeline: scan the inbox, retitle each file, deliver in batches.
 * <pre>
 * scanner ─▶ retitle runner ─▶ bounded handoff ─▶ batcher ─▶ deliver runner ─▶ listener
 * </pre>
 * Every stage boundary is bounded, so a slow stage holds the ones before it back and memory stays
 * flat: the scanner waits for room before it takes a file, so that no reply callback ever has to
 * wait (in process mode those run on the thread that reads a worker's replies). A batch takes
 * whatever results are waiting (up to {@code maxBatch}) when a deliver worker is free: under load
 * batches grow, and the cost of forcing is shared by more files.
 *
 * <p>Stopping has two steps: {@link #stop} takes no more files and lets those in flight finish;
 * {@link #abandonInFlight} then gives up on the files still being retitled, which stay in the inbox.
 * Files already retitled are still delivered.
 */
public final class Pipeline {

    /**
     * How many files may be between taken and batched: {@value #BATCHES_OF_ROOM} batches' worth, and
     * never fewer than {@value #MIN_ROOM}. The scan waits for room, so memory stays bounded however
     * large the inbox, and reply callbacks never block.
     */
    static final int BATCHES_OF_ROOM = 8;
    static final int MIN_ROOM = 64;

    /**
     * A retitle result on its way to delivery, or a file the retitle stage could not answer for,
     * which stays in the inbox ({@code leftReason}).
     */
    private record Handoff(RetitleResult result, FileTask left, String leftReason) {
        static Handoff of(RetitleResult result) {
            return new Handoff(result, null, null);
        }
    }

    /** Marks the end of the results in the handoff queue. */
    private static final Handoff END = new Handoff(null, null, null);

    private final FileSource scanner;
    private final PipelineStages stages;
    private final int maxBatch;
    private final DeliveryGate gate;
    private final ReadAhead readAhead;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    /** Names this pipeline's batches, and so their journals, apart from other pipelines'. */
    private final String batchPrefix = "batch-" + ProcessTag.next() + "-";
    private final AtomicLong batches = new AtomicLong();

    public Pipeline(FileSource scanner, PipelineStages stages, int maxBatch) {
        this(scanner, stages, maxBatch, DeliveryGate.OPEN);
    }

    /** A run that asks {@code gate} before each delivery batch whether it may still publish. */
    public Pipeline(FileSource scanner, PipelineStages stages, int maxBatch, DeliveryGate gate) {
        this(scanner, stages, maxBatch, gate, ReadAhead.NONE);
    }

    /**
     * A run that asks {@code gate} before each delivery batch whether it may still publish, and
     * hints {@code readAhead} at each file it takes (closed when the run ends).
     */
    public Pipeline(FileSource scanner, PipelineStages stages, int maxBatch, DeliveryGate gate, ReadAhead readAhead) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
        }
        this.scanner = scanner;
        this.stages = stages;
        this.maxBatch = maxBatch;
        this.gate = gate;
        this.readAhead = readAhead;
    }

    /** Asks the run to take no more files; files in flight are finished. Safe from any thread. */
    public void stop() {
        stopRequested.set(true);
        stages.retitle().drain();
        stages.deliver().drain();
    }

    /**
     * After {@link #stop}, when the files in flight had their time: gives up on those still being
     * retitled (they stay in the inbox, with nothing staged left behind). Safe from any thread.
     */
    public void abandonInFlight() {
        abandoned.set(true);
        stop();
        stages.retitle().cancel();
    }

    public boolean isStopRequested() {
        return stopRequested.get();
    }

    /**
     * Runs to the end of the inbox (or until stopped) and returns when every file taken has its
     * outcome.
     *
     * @throws PipelineException when a stage failed as a whole; the files it did not finish stay in the inbox
     */
    public long run(RunListener listener) throws IOException, InterruptedException {
        BlockingQueue<Handoff> handoff = new LinkedBlockingQueue<>();
        Semaphore room = new Semaphore(Math.max(MIN_ROOM, maxBatch * BATCHES_OF_ROOM)); // files between taken and batched
        Thread batcher = Threads.startDaemon("batcher", () -> batch(handoff, room, listener));
        long taken;
        try {
            taken = scanner.scan(task -> {
                room.acquire();
                listener.taken(task);
                readAhead.hint(task.source(), task.size());
                CompletableFuture<RetitleResult> reply;
                try {
                    reply = stages.retitle().submit(task);
                } catch (InterruptedException | RuntimeException e) {
                    handoff.add(left(task, e));
                    throw e;
                }
                reply.whenComplete((result, error) -> handoff.add(error == null ? Handoff.of(result) : left(task, error)));
            }, new ScanListener() {
                @Override
                public void skipped(Path path, String reason) {
                    listener.skipped(path, reason);
                }

                @Override
                public void deferred(Path path, String reason) {
                    listener.deferred(path, reason);
                }
            }, () -> stopRequested.get() || fatal.get() != null);
        } finally {
            readAhead.close();
            stages.retitle().close();
            handoff.add(END);
            batcher.join();
            stages.deliver().close();
        }
        Throwable failure = fatal.get();
        if (failure != null) {
            throw new PipelineException("the run stopped: " + failure.getMessage(), failure);
        }
        return taken;
    }

    private void batch(BlockingQueue<Handoff> handoff, Semaphore room, RunListener listener) {
        List<Handoff> drained = new ArrayList<>(maxBatch);
        boolean ended = false;
        while (!ended) {
            try {
                drained.clear();
                drained.add(handoff.take());
                handoff.drainTo(drained, maxBatch - 1);
                List<RetitleResult> batch = new ArrayList<>(drained.size());
                for (Handoff item : drained) {
                    if (item == END) {
                        ended = true;
                        continue;
                    }
                    room.release();
                    if (item.left() != null) {
                        listener.retitled(item.left());
                        listener.outcome(Outcome.Failed.leftInInbox(item.left(), item.leftReason()));
                    } else {
                        listener.retitled(item.result().task());
                        batch.add(item.result());
                    }
                }
                if (!batch.isEmpty()) {
                    deliver(batch, listener);
                }
            } catch (InterruptedException e) {
                fatal.compareAndSet(null, e);
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(List<RetitleResult> results, RunListener listener) throws InterruptedException {
        String closed = gate.closedBecause();
        if (closed != null) {
            fatal.compareAndSet(null, new IllegalStateException(closed));
            for (RetitleResult result : results) {
                if (result instanceof RetitleResult.Rewritten rewritten) {
                    deleteQuietly(rewritten.staged()); // nobody will publish it
                }
                listener.outcome(Outcome.Failed.leftInInbox(result.task(), "not delivered, left in the inbox: " + closed));
            }
            return;
        }
        DeliveryBatch batch = new DeliveryBatch(batchPrefix + batches.incrementAndGet(), results);
        stages.deliver().submit(batch).whenComplete((outcomes, error) -> {
            if (error == null) {
                outcomes.forEach(listener::outcome);
            } else {
                fatal.compareAndSet(null, error);
                for (RetitleResult result : results) {
                    listener.outcome(Outcome.Failed.leftInInbox(result.task(),
                            "not delivered, left in the inbox: " + error.getMessage()));
                }
            }
        });
    }

    private static void deleteQuietly(Path staged) {
        try {
            Files.deleteIfExists(staged);
        } catch (IOException e) {
            // a staged file left behind is deleted by the next recovery of its owner's tag
        }
    }

    /**
     * The retitle stage gave no result for a file: it stays in the inbox for a later run. When the
     * stage's runner broke down as a whole, the run stops taking files.
     */
    private Handoff left(FileTask task, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WorkerPoolException || cause instanceof EngineBugException) {
            fatal.compareAndSet(null, cause); // a bug fails the run loudly rather than file after file
        }
        if (cause instanceof CancellationException || cause instanceof InterruptedException || abandoned.get()) {
            // a stop interrupts the stage wherever it was, in I/O too: the stop is the reason
            return new Handoff(null, task, "left in the inbox: the run stopped before the file was retitled");
        }
        return new Handoff(null, task, "left in the inbox: the retitle stage failed: " + cause.getMessage());
    }
}
