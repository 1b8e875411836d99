package io.filemill.worker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The shared lock every worker holds for its life on the state directory's worker lock file. A new
 * run takes that lock exclusively before it recovers anything, so it cannot finish a journal that a
 * worker of a dead run may still be publishing from: it waits until every such worker is gone.
 */
final class WorkerLock {

    private WorkerLock() {
    }

    /**
     * Takes the shared lock and keeps it until the JVM exits (the channel is never closed).
     *
     * @throws IOException when the lock file cannot be opened or locked
     */
    @SuppressWarnings("resource")
    static FileLock holdShared(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return channel.lock(0, Long.MAX_VALUE, true);
    }
}
