package io.filemill.worker;

import io.filemill.pipeline.concurrent.Threads;
import java.time.Duration;

/**
 * Halts the worker soon after its parent dies, even while its stage is busy: end of input alone is
 * not enough, since the main thread may be waiting for a long request. Watches the parent process
 * itself (its pid and start time, so a reused pid does not fool it).
 */
final class ParentWatch {

    private ParentWatch() {
    }

    /** Starts a daemon thread that looks every {@code every} and runs {@code orphaned} once the parent is gone. */
    static void start(ProcessHandle parent, Duration every, Runnable orphaned) {
        Threads.startDaemon("watch-parent", () -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            orphaned.run();
        });
    }
}
