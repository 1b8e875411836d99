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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * An exclusive lock on one directory, held through a lock file in it: {@code filemill.lock} in the
 * state directory, {@code .filemill.lock} in the inbox (hidden, so no scan takes it). It is an
 * operating-system file lock, so it dies with its process: a lock left by a killed run is never an
 * obstacle. The lock file names the holder (host, pid, start time) for the message another run
 * prints.
 */
public final class RunLock implements AutoCloseable {

    static final String STATE_FILE_NAME = "filemill.lock";
    static final String INBOX_FILE_NAME = ".filemill.lock";
    private static final int RECORD_BYTES = 256;
    private static final Duration HOLDER_WAIT = Duration.ofMillis(300);

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** The directory this lock guards. */
    public Path directory() {
        return directory;
    }

    /**
     * Takes the lock on a state directory without waiting.
     *
     * @throws LockHeldException when another run holds it, naming that run
     */
    public static RunLock acquire(Path home) throws IOException {
        return acquire(home, STATE_FILE_NAME);
    }

    /**
     * Takes the lock on an inbox without waiting: two runs with different state directories never
     * take files from one inbox at the same time.
     *
     * @throws LockHeldException when another run holds it, naming that run
     */
    public static RunLock acquireInbox(Path inbox) throws IOException {
        return acquire(inbox, INBOX_FILE_NAME);
    }

    private static RunLock acquire(Path directory, String fileName) throws IOException {
        Path file = directory.resolve(fileName);
        ByteBuffer holder = holderRecord();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            String holderText = readHolder(channel);
            channel.close();
            throw new LockHeldException("another filemill run holds " + file + " (" + holderText + ")");
        }
        channel.write(holder, 0);
        channel.truncate(RECORD_BYTES);
        return new RunLock(directory, channel, lock);
    }

    /**
     * The holder line, padded to a fixed size so that one write replaces a previous holder's line
     * whole: a reader sees the old line or the new one, never a mix.
     */
    private static ByteBuffer holderRecord() {
        String line = "host=" + hostName() + " pid=" + ProcessHandle.current().pid() + " started=" + Instant.now();
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[RECORD_BYTES];
        Arrays.fill(record, (byte) ' ');
        System.arraycopy(text, 0, record, 0, Math.min(text.length, RECORD_BYTES - 1));
        record[RECORD_BYTES - 1] = '\n';
        return ByteBuffer.wrap(record);
    }

    /**
     * Reads the holder's line. A holder writes it just after taking the lock, so an empty file
     * is read again for a short while before the holder is reported unknown.
     */
    private static String readHolder(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + HOLDER_WAIT.toNanos();
        while (true) {
            ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                return "holder unknown";
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "holder unknown";
            }
        }
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
