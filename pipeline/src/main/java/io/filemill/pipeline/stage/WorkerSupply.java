package io.filemill.pipeline.stage;

import io.filemill.pipeline.concurrent.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Keeps a stage supplied with workers: starts them side by side on threads of its own, retries a
 * start that fails while restarts stay within {@link Supervision#maxRestarts()} per
 * {@link Supervision#restartPeriod()}, and counts every restart in that window.
 */
final class WorkerSupply<I, O> {

    private final String stageName;
    private final WorkerStarter<I, O> starter;
    private final Consumer<WorkerProcess<I, O>> replies;
    private final Supervision supervision;
    private final WorkerLogSink logSink;
    private final RestartWindow restarts;
    private final ExecutorService starts;

    /** @param replies reads a started worker's replies, on the worker's reader thread */
    WorkerSupply(String stageName, WorkerStarter<I, O> starter, Consumer<WorkerProcess<I, O>> replies,
                 Supervision supervision, WorkerLogSink logSink) {
        this.stageName = stageName;
        this.starter = starter;
        this.replies = replies;
        this.supervision = supervision;
        this.logSink = logSink;
        this.restarts = new RestartWindow(supervision.restartPeriod());
        this.starts = Executors.newCachedThreadPool(Threads.numbered("start-" + stageName + "-workers"));
    }

    /**
     * Starts {@code count} workers side by side and waits until each is ready.
     *
     * @throws WorkerPoolException when one cannot be started; then none is left running
     */
    List<WorkerProcess<I, O>> startAll(int count, BooleanSupplier giveUp) {
        List<Future<WorkerProcess<I, O>>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(starts.submit(() -> startRetrying(giveUp)));
        }
        List<WorkerProcess<I, O>> started = new ArrayList<>();
        Throwable failure = null;
        for (Future<WorkerProcess<I, O>> worker : starting) {
            try {
                started.add(worker.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            started.forEach(WorkerProcess::killAndWait);
            close();
            throw new WorkerPoolException("cannot start " + stageName + " workers: " + failure.getMessage(), failure);
        }
        return started;
    }

    /** Starts a replacement on a thread of its own; exactly one of the two callbacks follows. */
    void replace(BooleanSupplier giveUp, Consumer<WorkerProcess<I, O>> started, Consumer<RuntimeException> failed) {
        starts.execute(() -> {
            WorkerProcess<I, O> worker;
            try {
                worker = startRetrying(giveUp);
            } catch (RuntimeException e) {
                failed.accept(e);
                return;
            }
            started.accept(worker);
        });
    }

    /** Records a restart; returns how many fall within the restart period, this one included. */
    synchronized int recordRestart() {
        return restarts.record();
    }

    /** Whether {@code recent} restarts within the period are more than allowed. */
    boolean tooMany(int recent) {
        return recent > supervision.maxRestarts();
    }

    private WorkerProcess<I, O> startRetrying(BooleanSupplier giveUp) {
        while (true) {
            if (giveUp.getAsBoolean()) {
                throw new WorkerPoolException("not starting a " + stageName + " worker: the runner is broken or "
                        + "the run is stopping", null);
            }
            try {
                return starter.start(replies);
            } catch (WorkerPoolException e) {
                if (giveUp.getAsBoolean() || tooMany(recordRestart())) {
                    throw e;
                }
                logSink.line("worker-" + stageName, "WARN " + e.getMessage() + "; starting another");
            }
        }
    }

    /** Starts nothing more; a start under way still ends (its caller kills what it brings). */
    void close() {
        starts.shutdownNow();
    }
}
