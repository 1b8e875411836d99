package io.filemill.pipeline.deliver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Listing helpers for assertions on directories. */
final class SampleFiles {

    private SampleFiles() {
    }

    /** Names of the regular files in a directory tree, relative and sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
