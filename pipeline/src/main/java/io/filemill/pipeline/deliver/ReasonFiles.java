package io.filemill.pipeline.deliver;

import io.filemill.pipeline.task.Confinement;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** The reason file beside each file in failed/ ({@code NAME.reason}), written whole or not at all. */
final class ReasonFiles {

    private ReasonFiles() {
    }

    static Path of(Path failedFile) {
        return failedFile.resolveSibling(failedFile.getFileName() + DeliverySettings.REASON_SUFFIX);
    }

    /** Writes the reason to a temporary file (forced when {@code force}) and renames it into place. */
    static void write(Path failedFile, String reason, boolean force) throws IOException {
        Path temp = failedFile.resolveSibling(Confinement.STAGING_PREFIX + "reason-" + UUID.randomUUID()
                + Confinement.STAGING_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(reason + "\n"));
            if (force) {
                channel.force(true);
            }
        }
        Files.move(temp, of(failedFile), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
