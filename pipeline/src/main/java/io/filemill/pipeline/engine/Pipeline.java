package io.filemill.pipeline.engine;

import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanListener;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of the pipeline: scan the inbox, retitle each file, deliver in batches.
 * <pre>
 * scanner ─▶ retitle runner ─▶ bounded handoff ─▶ batcher ─▶ deliver runner ─▶ listener
 * </pre>
 * Every stage boundary is bounded, so a slow stage holds the ones before it back and memory stays
 * flat. A batch takes whatever results are waiting (up to {@code maxBatch}) when a deliver worker
 * is free: under load batches grow, and the cost of forcing is shared by more files.
 */
public final class Pipeline {

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

    private final InboxScanner scanner;
    private final PipelineStages stages;
    private final int maxBatch;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final String batchPrefix = "batch-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicLong batches = new AtomicLong();

    public Pipeline(InboxScanner scanner, PipelineStages stages, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
        }
        this.scanner = scanner;
        this.stages = stages;
        this.maxBatch = maxBatch;
    }

    /** Asks the run to take no more files; files in flight are finished. Safe from any thread. */
    public void stop() {
        stopRequested.set(true);
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
        BlockingQueue<Handoff> handoff = new ArrayBlockingQueue<>(Math.max(16, maxBatch * 4));
        Thread batcher = new Thread(() -> batch(handoff, listener), "batcher");
        batcher.setDaemon(true);
        batcher.start();
        long taken;
        try {
            taken = scanner.scan(task -> {
                listener.taken(task);
                stages.retitle().submit(task).whenComplete((result, error) -> put(handoff,
                        error == null ? Handoff.of(result) : left(task, error)));
            }, new ScanListener() {
                @Override
                public void skipped(java.nio.file.Path path, String reason) {
                    listener.skipped(path, reason);
                }

                @Override
                public void deferred(java.nio.file.Path path, String reason) {
                    listener.deferred(path, reason);
                }
            }, () -> stopRequested.get() || fatal.get() != null);
        } finally {
            stages.retitle().close();
            put(handoff, END);
            batcher.join();
            stages.deliver().close();
        }
        Throwable failure = fatal.get();
        if (failure != null) {
            throw new PipelineException("the run stopped: " + failure.getMessage(), failure);
        }
        return taken;
    }

    private void batch(BlockingQueue<Handoff> handoff, RunListener listener) {
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
                    } else if (item.left() != null) {
                        listener.outcome(new Outcome.Failed(item.left(), item.left().source(), item.leftReason()));
                    } else {
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
        DeliveryBatch batch = new DeliveryBatch(batchPrefix + batches.incrementAndGet(), results);
        stages.deliver().submit(batch).whenComplete((outcomes, error) -> {
            if (error == null) {
                outcomes.forEach(listener::outcome);
            } else {
                fatal.compareAndSet(null, error);
                for (RetitleResult result : results) {
                    listener.outcome(new Outcome.Failed(result.task(), result.task().source(),
                            "not delivered, left in the inbox: " + error.getMessage()));
                }
            }
        });
    }

    /**
     * The retitle stage gave no result for a file: it stays in the inbox for a later run. When the
     * stage's runner broke down as a whole, the run stops taking files.
     */
    private Handoff left(FileTask task, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof io.filemill.pipeline.stage.WorkerPoolException) {
            fatal.compareAndSet(null, cause);
        }
        return new Handoff(null, task, "left in the inbox: the retitle stage failed: " + cause.getMessage());
    }

    private static void put(BlockingQueue<Handoff> queue, Handoff item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing a result on", e);
        }
    }
}
