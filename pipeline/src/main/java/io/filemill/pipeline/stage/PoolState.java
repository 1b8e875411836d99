package io.filemill.pipeline.stage;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a {@link WorkerPool} shares between the threads that use it (callers, reply readers, the
 * watchdog, replacement starts): the live workers, the requests waiting for room, and whether the
 * pool is broken or stopping. Changes that must be seen together happen holding {@link #lock}.
 */
final class PoolState<I, O> {

    final Object lock = new Object();
    final List<WorkerProcess<I, O>> live = new CopyOnWriteArrayList<>();
    final WaitQueue<I, O> waiting = new WaitQueue<>();
    volatile RuntimeException broken;
    volatile boolean draining;
    volatile boolean cancelled;
    volatile boolean closing;

    /** Whether no worker may be started: the pool is broken, stopping or closing. */
    boolean stopStarting() {
        return broken != null || draining || cancelled || closing;
    }

    /** Called holding the lock: the pool is broken; the orphans and every waiting request fail with {@code failure}. */
    void breakWith(RuntimeException failure, List<Pending<I, O>> orphans) {
        broken = failure;
        orphans.forEach(p -> p.reply.completeExceptionally(failure));
        waiting.takeAll().forEach(p -> p.reply.completeExceptionally(failure));
    }

    /** While stopping, no worker is started: requests with no worker left to take them are given up. */
    void failWaitingIfNoWorkerIsLeft() {
        List<Pending<I, O>> stranded;
        synchronized (lock) {
            if (!(draining || cancelled) || !live.isEmpty()) {
                return;
            }
            stranded = waiting.takeAll();
        }
        stranded.forEach(p -> p.reply.completeExceptionally(
                new CancellationException("stopped: the run is stopping and no worker is left to take it")));
    }
}
