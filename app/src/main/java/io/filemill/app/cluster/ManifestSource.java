package io.filemill.app.cluster;

import io.filemill.pipeline.scan.FileSource;
import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanListener;
import io.filemill.pipeline.task.Confinement;
import io.filemill.pipeline.task.FileTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The files of one partition, read from its manifest and looked up in this node's inbox (every
 * machine mounts the shared inbox where it likes). A name that leads outside the inbox is refused; a
 * file no longer there was delivered already (by an earlier attempt at this partition, whose
 * journals recovery completed) or taken away, and is counted as gone; a file that is no longer a
 * regular file is skipped with the reason, as a scan would.
 */
final class ManifestSource implements FileSource {

    private final Path manifest;
    private final Path inbox;
    private final AtomicLong gone = new AtomicLong();

    ManifestSource(Path manifest, Path inbox) {
        this.manifest = manifest;
        this.inbox = inbox;
    }

    @Override
    public long scan(InboxScanner.Consumer consumer, ScanListener listener, BooleanSupplier stop)
            throws IOException, InterruptedException {
        long[] taken = {0};
        PartitionManifest.read(manifest, entry -> {
            if (stop.getAsBoolean()) {
                return false;
            }
            Path file = inbox.resolve(entry.relative()).normalize();
            if (!Confinement.inside(inbox, file) || file.equals(inbox)) {
                listener.skipped(file, "refused: the manifest names a path outside the inbox");
                return true;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException delivered) {
                gone.incrementAndGet();
                return true;
            }
            if (!attributes.isRegularFile()) {
                listener.skipped(file, attributes.isSymbolicLink() ? "symbolic link (never followed)" : "not a regular file");
                return true;
            }
            consumer.accept(new FileTask(++taken[0], file, entry.relative(), attributes.size(), entry.mode()));
            return true;
        });
        return taken[0];
    }

    /** Files of the manifest no longer in the inbox when their turn came. */
    long gone() {
        return gone.get();
    }
}
