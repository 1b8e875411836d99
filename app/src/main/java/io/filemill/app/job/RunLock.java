package io.filemill.app.job;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The exclusive lock a run holds on its state directory. It is an operating-system file lock, so
 * it dies with its process: a lock left by a killed run is never an obstacle. The lock file names
 * the holder (host, pid, start time) for the message another run prints.
 */
public final class RunLock implements AutoCloseable {

    static final String FILE_NAME = "filemill.lock";

    private final Path home;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path home, FileChannel channel, FileLock lock) {
        this.home = home;
        this.channel = channel;
        this.lock = lock;
    }

    /** The state directory this lock guards. */
    public Path home() {
        return home;
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws LockHeldException when another run holds it, naming that run
     */
    public static RunLock acquire(Path home) throws IOException {
        Path file = home.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            String holder = readHolder(channel);
            channel.close();
            throw new LockHeldException("another filemill run holds " + file + " (" + holder + ")");
        }
        channel.truncate(0);
        channel.write(StandardCharsets.UTF_8.encode("host=" + hostName() + " pid=" + ProcessHandle.current().pid()
                + " started=" + Instant.now() + "\n"), 0);
        return new RunLock(home, channel, lock);
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "holder unknown" : text;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    /** Releases the lock; closing again does nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            lock.release();
            channel.close();
        }
    }
}
