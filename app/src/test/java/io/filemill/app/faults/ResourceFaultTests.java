package io.filemill.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.filemill.app.SampleData;
import io.filemill.app.SystemCommands;
import io.filemill.app.cli.ExitCodes;
import io.filemill.app.cli.FilemillCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource faults on real file systems: a full disk (a small tmpfs) and directories or files the
 * kernel refuses to change ({@code chattr +i}, which binds root too). The run goes on where it can,
 * no file is lost or sent to failed/ for the machine's fault, no temporary file stays, the exit code
 * and the message say what happened, and a rerun after the fault is gone finishes the job. Each test
 * needs root (mount, chattr) and is skipped without it.
 */
class ResourceFaultTests {

    @TempDir
    Path root;
    private final List<List<String>> cleanUp = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void undoFaults() throws Exception {
        for (int i = cleanUp.size() - 1; i >= 0; i--) {
            system(cleanUp.get(i));
        }
    }

    private static boolean system(List<String> command) throws IOException, InterruptedException {
        return SystemCommands.run(command);
    }

    private int filemill(Path base) {
        out.reset();
        return new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true)).run("run", "--inbox", base.resolve("inbox").toString(),
                "--processed", base.resolve("processed").toString(), "--failed", base.resolve("failed").toString(),
                "--home", root.resolve("state").toString(), "--min-age", "0s");
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> write(Path inbox, int files, int size) throws IOException {
        Files.createDirectories(inbox);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String name = String.format("f%02d.md", i);
            Files.writeString(inbox.resolve(name), "# title  " + i + "\n" + "a".repeat(size) + "\n");
            names.add(name);
        }
        return names;
    }

    private static List<String> visible(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private static void assertEachFileOnceAndIntact(Path base, List<String> names) throws IOException {
        List<String> everywhere = new ArrayList<>(visible(base.resolve("inbox")));
        everywhere.addAll(visible(base.resolve("processed")));
        assertThat(everywhere).containsExactlyInAnyOrderElementsOf(names);
        for (String name : visible(base.resolve("inbox"))) {
            assertThat(base.resolve("inbox").resolve(name)).content().startsWith("# title  ");
        }
        for (String name : visible(base.resolve("processed"))) {
            assertThat(base.resolve("processed").resolve(name)).content().startsWith("# Title ");
        }
        assertThat(visible(base.resolve("failed"))).as("nothing fails for the machine's fault").isEmpty();
        try (var files = Files.list(base.resolve("processed"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file stays")
                    .noneMatch(n -> n.startsWith(".filemill-"));
        }
    }

    @Test
    void aFullDiskLeavesTheRestInTheInboxAndARerunWithSpaceFinishes() throws Exception {
        Path disk = Files.createDirectory(root.resolve("disk"));
        assumeTrue(system(List.of("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString())),
                "needs root to mount a small tmpfs");
        cleanUp.add(List.of("umount", "-l", disk.toString()));
        // three files of 600 kB fill the disk so that none of them can be rewritten; small ones still can
        List<String> names = new ArrayList<>(write(disk.resolve("inbox"), 3, 600_000));
        for (int i = 0; i < 5; i++) {
            String name = "small-" + i + ".md";
            Files.writeString(disk.resolve("inbox").resolve(name), "# title  small\n");
            names.add(name);
        }

        int exit = filemill(disk);

        assertThat(exit).as(stdout()).isEqualTo(ExitCodes.FILES_FAILED);
        assertEachFileOnceAndIntact(disk, names);
        assertThat(visible(disk.resolve("inbox"))).containsExactly("f00.md", "f01.md", "f02.md");
        assertThat(stdout()).contains("left in the inbox", "No space left on device");

        assertThat(system(List.of("mount", "-o", "remount,size=16m", disk.toString()))).isTrue();
        assertThat(filemill(disk)).isZero();
        assertEachFileOnceAndIntact(disk, names);
        assertThat(visible(disk.resolve("processed"))).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void aProcessedDirectoryNothingCanBeWrittenToStopsTheRunAtStartTouchingNothing() throws Exception {
        Path base = Files.createDirectory(root.resolve("base"));
        List<String> names = write(base.resolve("inbox"), 10, 100);
        Path processed = Files.createDirectory(base.resolve("processed"));
        assumeTrue(system(List.of("chattr", "+i", processed.toString())), "needs root and chattr");
        cleanUp.add(List.of("chattr", "-i", processed.toString()));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new FilemillCli(new PrintStream(out, true), new PrintStream(err, true)).run("run", "--inbox",
                base.resolve("inbox").toString(), "--processed", processed.toString(), "--failed",
                base.resolve("failed").toString(), "--home", root.resolve("state").toString(), "--min-age", "0s");

        assertThat(exit).isEqualTo(ExitCodes.FATAL);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("filemill: bad configuration: processed directory " + processed + " is not writable");
        assertThat(visible(base.resolve("inbox"))).containsExactlyElementsOf(names);
        assertEachFileOnceAndIntact(base, names);

        assertThat(system(List.of("chattr", "-i", processed.toString()))).isTrue();
        assertThat(filemill(base)).isZero();
        assertThat(visible(processed)).containsExactlyElementsOf(names);
    }

    @Test
    void anOriginalThatCannotBeRemovedStaysAloneInTheInbox() throws Exception {
        Path base = Files.createDirectory(root.resolve("base"));
        List<String> names = write(base.resolve("inbox"), 5, 100);
        Path stuck = base.resolve("inbox").resolve(names.get(2));
        assumeTrue(system(List.of("chattr", "+i", stuck.toString())), "needs root and chattr");
        cleanUp.add(List.of("chattr", "-i", stuck.toString()));

        assertThat(filemill(base)).isEqualTo(ExitCodes.FILES_FAILED);

        assertThat(visible(base.resolve("inbox"))).containsExactly(names.get(2));
        assertThat(SampleData.relativeFiles(base.resolve("processed"))).doesNotContain(names.get(2));
        assertEachFileOnceAndIntact(base, names);
        assertThat(stdout()).contains("cannot remove the original from the inbox, so it stays there");
    }
}
