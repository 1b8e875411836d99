package io.filemill.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/** The repository's sample data, and byte-for-byte comparison of directory trees. */
public final class SampleData {

    private SampleData() {
    }

    public static Path root() {
        return Path.of(System.getProperty("filemill.sample-data", "../sample-data")).toAbsolutePath().normalize();
    }

    /** Copies the sample inbox into {@code target} (created). */
    public static Path copyInbox(Path target) throws IOException {
        PathUtils.copyDirectory(root().resolve("inbox"), target);
        return target;
    }

    /** Asserts that two trees hold the same relative names with the same bytes. */
    public static void assertSameTree(Path actual, Path expected) throws IOException {
        assertThat(relativeFiles(actual)).as("files in " + actual).isEqualTo(relativeFiles(expected));
        for (String name : relativeFiles(expected)) {
            assertThat(actual.resolve(name)).as(name).hasSameBinaryContentAs(expected.resolve(name));
        }
    }

    /** The regular files under a directory, as sorted relative paths, without an inbox's lock file. */
    public static List<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(name -> !name.equals(".filemill.lock")).sorted().toList();
        }
    }
}
