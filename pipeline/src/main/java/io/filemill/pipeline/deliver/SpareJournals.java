package io.filemill.pipeline.deliver;

import io.filemill.pipeline.task.ProcessTag;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The journal files of completed batches, emptied, renamed out of the way and kept open for the
 * next batches of the same deliverer: a batch renames a spare to its own journal's name instead of
 * creating a file, and gives it back instead of deleting it. Creating and deleting a file per batch
 * made every new inode of a run step over the ones just freed (ext4 does not reuse an inode freed
 * moments ago, and looks each up), which grew with the square of the batches. A spare holds no
 * intent: {@link Recovery} deletes any that a killed run left.
 */
final class SpareJournals implements AutoCloseable {

    static final String SUFFIX = ".spare";

    /** An emptied journal file and its open channel. */
    record Spare(Path file, FileChannel channel) {
    }

    private final Path dir;
    private final String tag = ProcessTag.next();
    private final AtomicLong names = new AtomicLong();
    private final Queue<Spare> spares = new ConcurrentLinkedQueue<>();

    SpareJournals(Path dir) {
        this.dir = dir;
    }

    /** A spare journal, or null when there is none. */
    Spare take() {
        return spares.poll();
    }

    /**
     * Takes back the journal of a completed batch: emptied first, so that nothing can be replayed
     * from it, then renamed to a spare's name.
     */
    void giveBack(Path journal, FileChannel channel) throws IOException {
        channel.truncate(0);
        Path spare = dir.resolve("journal-" + tag + "-" + names.incrementAndGet() + SUFFIX);
        Files.move(journal, spare, StandardCopyOption.ATOMIC_MOVE);
        spares.add(new Spare(spare, channel));
    }

    /** Closes and deletes every spare. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Spare spare; (spare = spares.poll()) != null; ) {
            try {
                spare.channel().close();
                FastDelete.delete(spare.file());
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
