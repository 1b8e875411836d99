package io.filemill.app.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Makes sure no worker JVM of an earlier run is alive before a run recovers or delivers anything.
 * Every worker holds a shared lock on the worker lock file ({@link io.filemill.app.config.RunSettings#workerLock})
 * for its life (it halts within a
 * fraction of a second of its parent's death); the run takes that lock exclusively, waiting a
 * little for orphans to go, and lets it go at once: from then on only its own workers exist.
 */
public final class WorkerFence {

    private WorkerFence() {
    }

    /**
     * Waits up to {@code patience} until no worker holds the lock file, creating it when missing.
     *
     * @throws LockHeldException when workers of another run still hold it after that
     */
    public static void awaitNoWorkers(Path file, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    lock.release();
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new LockHeldException("worker JVMs of another run still hold " + file + " after "
                            + patience.toSeconds() + " s; a worker halts within a second of its parent's death, so "
                            + "another filemill is probably running with this state directory");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LockHeldException("interrupted while waiting for the workers of an earlier run to exit");
                }
            }
        }
    }
}
