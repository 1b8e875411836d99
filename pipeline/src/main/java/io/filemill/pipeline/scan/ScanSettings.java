package io.filemill.pipeline.scan;

import java.util.List;
import java.util.Objects;

/**
 * What the scanner takes from the inbox.
 *
 * @param recursive whether subdirectories are scanned (relative paths are kept)
 * @param include   globs a file's relative path must match (any of them); empty takes every file
 * @param exclude   globs that rule a file out
 */
public record ScanSettings(boolean recursive, List<String> include, List<String> exclude) {

    public ScanSettings {
        include = List.copyOf(Objects.requireNonNull(include, "include"));
        exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
    }

    public static ScanSettings defaults() {
        return new ScanSettings(false, List.of(), List.of());
    }
}
