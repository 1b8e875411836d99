package io.filemill.pipeline.stage;

import io.filemill.pipeline.concurrent.Threads;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at the workers ten times a second: one that has been on a request for longer than the
 * task timeout (measured from when the worker could begin it, see {@link WorkerProcess#busySince},
 * not from when it was sent: requests queued behind a slow one do not age) is handed to the pool to
 * be replaced, and one that is stalled has the requests behind its slow one recalled.
 */
final class Watchdog implements AutoCloseable {

    private static final long PERIOD_MILLIS = 100;

    private final ScheduledExecutorService timer;

    Watchdog(String stageName, Duration taskTimeout, WorkerPool<?, ?, ?> pool) {
        this.timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("watchdog-" + stageName));
        timer.scheduleWithFixedDelay(() -> look(pool, taskTimeout.toNanos()), PERIOD_MILLIS, PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static <I, O> void look(WorkerPool<?, I, O> pool, long limit) {
        try {
            long now = System.nanoTime();
            for (WorkerProcess<I, O> worker : pool.live()) {
                if (worker.load() > 1 && worker.stalledFor(WorkerPool.STALL_NANOS, now)) {
                    recallBehind(pool, worker);
                }
            }
            for (WorkerProcess<I, O> worker : pool.live()) {
                long since = worker.busySince();
                if (since >= 0 && now - since > limit) {
                    pool.timedOut(worker);
                }
            }
        } catch (RuntimeException e) {
            pool.warn("the watchdog's look failed, it keeps watching: " + e); // an exception would end the timer
        }
    }

    /** Asks a stalled worker to hand back the requests queued behind its slow one. */
    private static <I, O> void recallBehind(WorkerPool<?, I, O> pool, WorkerProcess<I, O> worker) {
        try {
            worker.recallQueued();
        } catch (IOException e) {
            pool.unwritable(worker, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
