package io.filemill.pipeline.deliver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The intent log of one delivery batch. Intents are buffered and written (and, when durable,
 * forced) by {@link #sync()}, which the batch calls before every publish; so a publish never
 * happens that the journal does not know of. The journal is deleted when the batch is complete.
 */
final class Journal implements AutoCloseable {

    static final String SUFFIX = ".journal";

    private final Path file;
    private final FileChannel channel;
    private final boolean force;
    private final StringBuilder buffered = new StringBuilder();

    private Journal(Path file, FileChannel channel, boolean force) {
        this.file = file;
        this.channel = channel;
        this.force = force;
    }

    static Journal create(Path dir, boolean force) throws IOException {
        Path file = dir.resolve(UUID.randomUUID() + SUFFIX);
        return new Journal(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), force);
    }

    void record(Intent intent) {
        buffered.append(intent.toLine());
    }

    /** Makes every recorded intent visible (and durable, when forcing) before the caller acts on it. */
    void sync() throws IOException {
        if (buffered.length() == 0) {
            return;
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(buffered.toString());
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        buffered.setLength(0);
        if (force) {
            channel.force(false);
        }
    }

    /** Closes and deletes the journal: the batch is complete. */
    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
