package io.filemill.app.cluster;

import io.filemill.app.config.RunSettings;
import io.filemill.pipeline.task.Confinement;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where a run across machines keeps its partitions in the shared state directory:
 * {@code partitions/RUN/partitionK.manifest}, and beside each manifest a directory of its own
 * ({@code partitionK.d}: the journals and the worker lock of whoever works on it).
 */
final class PartitionDirectories {

    private static final String MANIFEST_SUFFIX = ".manifest";

    private PartitionDirectories() {
    }

    /** A new run's directory of manifests. */
    static Path forRun(RunSettings settings, String run) {
        return settings.partitionsDir().resolve(run);
    }

    /** The file in a run's directory that names its job execution, written before any request is sent. */
    static Path jobExecutionFile(Path runDir) {
        return runDir.resolve("job-execution");
    }

    /**
     * The manifest a partition's execution context names, resolved in this machine's state
     * directory; refused when it would lie outside {@code partitions/} there.
     */
    static Path manifest(RunSettings settings, String relative) {
        Path root = settings.partitionsDir();
        Path manifest = settings.home().resolve(relative).normalize();
        if (!Confinement.inside(root, manifest) || !manifest.getFileName().toString().endsWith(MANIFEST_SUFFIX)) {
            throw new IllegalArgumentException("refused: partition manifest '" + relative + "' lies outside " + root);
        }
        return manifest;
    }

    /** A new file for one attempt at a partition to leave its problems in, beside its journals. */
    static Path problemsFile(Path workDir) {
        return workDir.resolve("problems-" + UUID.randomUUID() + ".json");
    }

    /** The problems every attempt at every partition of a run left. */
    static List<Path> problemsFiles(Path runDir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(runDir)) {
            try (DirectoryStream<Path> work = Files.newDirectoryStream(runDir, "*.d")) {
                for (Path dir : work) {
                    try (DirectoryStream<Path> problems = Files.newDirectoryStream(dir, "problems-*.json")) {
                        problems.forEach(files::add);
                    }
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** The directory of whoever works on the partition of {@code manifest}. */
    static Path workDir(Path manifest) {
        String name = manifest.getFileName().toString();
        return manifest.resolveSibling(name.substring(0, name.length() - MANIFEST_SUFFIX.length()) + ".d");
    }
}
