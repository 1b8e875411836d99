package io.filemill.pipeline.deliver;

import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deletes with one system call where it can: {@link Files#delete} looks at the file first, which
 * costs a {@code stat} per file on the hot path; when the quick way fails, {@link Files} says why.
 */
final class FastDelete {

    private FastDelete() {
    }

    /** Deletes a regular file; throws why it could not. */
    static void delete(Path file) throws IOException {
        if (!(isDefault(file) && file.toFile().delete())) {
            Files.delete(file);
        }
    }

    /** Deletes a result's staged file, if it has one and it is still there. */
    static void discardStaged(RetitleResult result) throws IOException {
        if (result instanceof Rewritten rewritten && !(isDefault(rewritten.staged()) && rewritten.staged().toFile().delete())) {
            Files.deleteIfExists(rewritten.staged()); // gone already, a failure to report, or another file system
        }
    }

    private static boolean isDefault(Path file) {
        return file.getFileSystem() == FileSystems.getDefault();
    }
}
