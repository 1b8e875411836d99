package io.filemill.pipeline.deliver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intent log of one delivery batch, named after the batch. Intents are buffered and written
 * (and, when durable, forced) by {@link #sync()}, which the batch calls before every publish; so a
 * publish never happens that the journal does not know of. The journal is deleted when the batch is
 * complete. A journal that is still there after a crash is replayed: see {@link #publishedIntents};
 * a batch delivered again under its id resumes from it ({@link #resumed}).
 */
final class Journal implements AutoCloseable {

    static final String SUFFIX = ".journal";

    private final Path file;
    private final FileChannel channel;
    private final boolean force;
    private final StringBuilder buffered = new StringBuilder();
    private Map<Path, Intent> resumed = Map.of();
    private boolean completed;

    private final SpareJournals spares;

    private Journal(Path file, FileChannel channel, boolean force, SpareJournals spares) {
        this.file = file;
        this.channel = channel;
        this.force = force;
        this.spares = spares;
    }

    /**
     * Opens the journal of a batch, appending to what an interrupted attempt of the batch wrote
     * (see {@link #resumed}). A new batch renames a spare when there is one (no file created), and
     * gives it back when complete.
     */
    static Journal open(Path dir, String batchId, boolean force, SpareJournals spares) throws IOException {
        Path file = dir.resolve(batchId + SUFFIX);
        boolean retried = file.toFile().exists(); // one lookup, no exception: a batch delivered again after its worker died
        SpareJournals.Spare spare = retried ? null : spares.take();
        if (spare != null) {
            try {
                Files.move(spare.file(), file, StandardCopyOption.ATOMIC_MOVE);
                return new Journal(file, spare.channel(), force, spares);
            } catch (IOException e) {
                spare.channel().close();
                throw e;
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            Journal journal = new Journal(file, channel, force, spares);
            if (size > 0) {
                ByteBuffer earlier = ByteBuffer.allocate(Math.toIntExact(size));
                while (earlier.hasRemaining() && channel.read(earlier) >= 0) {
                    // reads to the end
                }
                journal.resumed = publishedIntents(file, new String(earlier.array(), 0, earlier.position(),
                        StandardCharsets.UTF_8));
            }
            channel.position(size);
            return journal;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The publishes an earlier attempt of this batch recorded and did, by original; empty for a new batch. */
    Map<Path, Intent> resumed() {
        return resumed;
    }

    void record(Intent intent) {
        buffered.append(intent.toLine());
    }

    /**
     * Makes every recorded intent visible (and durable, when forcing) before the caller acts on it.
     *
     * @throws Failure when the journal cannot be written: nothing may be published then
     */
    void sync() throws Failure {
        if (buffered.length() == 0) {
            return;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(buffered.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            buffered.setLength(0);
            if (force) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new Failure(file, e);
        }
    }

    /**
     * The batch is complete, nothing is left for recovery to finish: the journal is emptied and
     * kept as a spare for a later batch (deleted when that fails).
     */
    void complete() throws IOException {
        try {
            spares.giveBack(file, channel);
            completed = true;
        } catch (IOException e) {
            channel.close();
            FastDelete.delete(file);
        }
    }

    /**
     * Closes the journal. One not {@linkplain #complete() completed} stays, so that recovery
     * finishes the publishes of a batch that stopped half way.
     */
    @Override
    public void close() throws IOException {
        if (!completed) {
            channel.close();
        }
    }

    /** The journal could not be written; the batch must stop before it publishes anything more. */
    static final class Failure extends IOException {
        Failure(Path file, IOException cause) {
            super("cannot write the delivery journal " + file + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * The publishes a journal file records that did happen, by original. Only the last intent for
     * an original counts (a later one supersedes it: a retried name, or a file turned into a
     * failure). An intent was published when its target exists and either is the same file as its
     * source, or its source is gone (a staged file is removed only after its batch completed, or
     * was renamed into place under the replace policy).
     */
    static Map<Path, Intent> publishedIntents(Path file) throws IOException {
        // lenient decoding: a line torn by a crash may end inside a character
        return publishedIntents(file, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    private static Map<Path, Intent> publishedIntents(Path file, String content) {
        Map<Path, Intent> last = new LinkedHashMap<>();
        for (Intent intent : Intent.parseAll(List.of(content.split("\n")), file.getFileSystem())) {
            last.put(intent.original(), intent);
        }
        last.values().removeIf(intent -> !isPublished(intent));
        return last;
    }

    private static boolean isPublished(Intent intent) {
        try {
            if (!Files.exists(intent.target(), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            return !Files.exists(intent.source(), LinkOption.NOFOLLOW_LINKS)
                    || Files.isSameFile(intent.target(), intent.source());
        } catch (IOException e) {
            return false;
        }
    }
}
