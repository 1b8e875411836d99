package io.filemill.pipeline.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inbox walk makes the visitor calls {@link Files#walkFileTree} makes, with POSIX attributes. */
class InboxWalkTests {

    @TempDir
    Path root;

    /** Records each call as one line; skips the subtree of directories named {@code skip*}. */
    private static final class Recorder implements FileVisitor<Path> {
        final List<String> calls = new ArrayList<>();
        final List<BasicFileAttributes> fileAttributes = new ArrayList<>();
        private final Path root;

        Recorder(Path root) {
            this.root = root;
        }

        private String kind(BasicFileAttributes a) {
            return a.isSymbolicLink() ? "link" : a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : "other";
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            calls.add("pre " + root.relativize(dir) + " " + kind(attrs));
            return dir.getFileName().toString().startsWith("skip") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            calls.add("file " + root.relativize(file) + " " + kind(attrs) + " " + attrs.size());
            fileAttributes.add(attrs);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            calls.add("failed " + root.relativize(file) + " " + exc.getClass().getSimpleName());
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            calls.add("post " + root.relativize(dir) + " " + exc);
            return FileVisitResult.CONTINUE;
        }
    }

    /** A random tree of files, directories, links to files and directories, and dangling links. */
    private void randomTree(Path dir, Random random, int depth) throws IOException {
        int entries = random.nextInt(7);
        for (int i = 0; i < entries; i++) {
            int kind = random.nextInt(10);
            Path entry = dir.resolve((kind == 9 ? "skip" : "e") + i);
            if (kind < 5 || depth > 3) {
                Files.write(entry, new byte[random.nextInt(100)]);
            } else if (kind < 7 || kind == 9) {
                Files.createDirectory(entry);
                randomTree(entry, random, depth + 1);
            } else if (kind == 7) {
                Files.createSymbolicLink(entry, random.nextBoolean() ? root : root.resolve("nowhere"));
            } else {
                Files.createFile(entry);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void visitsARandomTreeExactlyAsWalkFileTreeDoesAtEveryDepth(long seed) throws Exception {
        randomTree(root, new Random(seed), 0);
        for (int maxDepth : new int[] {0, 1, 2, Integer.MAX_VALUE}) {
            Recorder expected = new Recorder(root);
            Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), maxDepth, expected);
            Recorder actual = new Recorder(root);
            new InboxWalk(root, maxDepth, actual).walk();
            assertThat(actual.calls).as("seed %d, depth %d", seed, maxDepth).containsExactlyElementsOf(expected.calls);
        }
    }

    @Test
    void aMissingStartIsAFailedVisitNotAnException() throws Exception {
        Recorder recorder = new Recorder(root);
        new InboxWalk(root.resolve("gone"), 1, recorder).walk();
        assertThat(recorder.calls).containsExactly("failed gone NoSuchFileException");
    }

    @Test
    void filesComeWithTheirPosixAttributes() throws Exception {
        Files.writeString(root.resolve("a.md"), "# a");
        Recorder recorder = new Recorder(root);
        new InboxWalk(root, 1, recorder).walk();
        assertThat(recorder.fileAttributes).singleElement().isInstanceOf(PosixFileAttributes.class);
    }
}
