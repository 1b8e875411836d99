package io.filemill.app.cluster;

import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the ready files of the inbox into partitions, each a manifest in the state directory: a
 * file goes to the partition its name hashes to (the same name always to the same partition, and the
 * counts even), except a large file (1 MiB or more), which goes to the partition with the fewest
 * bytes so far, so that a few big files do not pile up on one node. One pass over the inbox, memory
 * independent of its size. A partition's execution context holds only its manifest's path (relative
 * to the state directory, which every machine mounts where it likes), its file count and its bytes.
 * Partitions that would be empty are left out.
 */
final class InboxPartitioner implements Partitioner {

    static final String MANIFEST = "manifest";
    static final String FILES = "files";
    static final String BYTES = "bytes";
    static final long LARGE = 1 << 20;

    private final InboxScanner scanner;
    private final ScanListener listener;
    private final Path home;
    private final Path dir;

    /**
     * @param dir where the manifests go, inside {@code home}; created
     */
    InboxPartitioner(InboxScanner scanner, ScanListener listener, Path home, Path dir) {
        this.scanner = scanner;
        this.listener = listener;
        this.home = home;
        this.dir = dir;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        try {
            return write(gridSize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the partition manifests in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the inbox", e);
        }
    }

    private Map<String, ExecutionContext> write(int gridSize) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        PartitionManifest.Writer[] writers = new PartitionManifest.Writer[gridSize];
        try {
            for (int k = 0; k < gridSize; k++) {
                writers[k] = new PartitionManifest.Writer(manifest(k));
            }
            scanner.scan(task -> {
                int k = task.size() >= LARGE ? lightest(writers) : bucket(task.relativeName(), gridSize);
                try {
                    writers[k].add(new PartitionManifest.Entry(task.relativeName(), task.size(), task.mode()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, listener, () -> false);
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (int k = 0; k < gridSize; k++) {
                writers[k].finish();
                if (writers[k].files() == 0) {
                    Files.delete(manifest(k));
                    continue;
                }
                ExecutionContext context = new ExecutionContext();
                context.putString(MANIFEST, home.relativize(manifest(k)).toString());
                context.putLong(FILES, writers[k].files());
                context.putLong(BYTES, writers[k].bytes());
                partitions.put("partition" + k, context);
            }
            return partitions;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (PartitionManifest.Writer writer : writers) {
                if (writer != null) {
                    writer.close();
                }
            }
        }
    }

    private Path manifest(int k) {
        return dir.resolve("partition" + k + ".manifest");
    }

    /** The partition a name belongs to: its hash, mixed (String.hashCode is the same on every JVM). */
    static int bucket(String relative, int gridSize) {
        int h = relative.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, gridSize);
    }

    private static int lightest(PartitionManifest.Writer[] writers) {
        int lightest = 0;
        for (int k = 1; k < writers.length; k++) {
            if (writers[k].bytes() < writers[lightest].bytes()) {
                lightest = k;
            }
        }
        return lightest;
    }
}
