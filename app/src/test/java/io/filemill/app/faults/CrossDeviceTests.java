package io.filemill.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * processed/ on another file system than the inbox (a tmpfs mounted for the test; needs root, as CI
 * has): refused at start unless {@code filemill.delivery.cross-device=copy}, which delivers every
 * file as a verified copy, changed or not, in both modes.
 */
class CrossDeviceTests {

    @TempDir
    Path root;
    Path inbox;
    Path processed;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void processedOnATmpfs() throws Exception {
        inbox = Files.createDirectory(root.resolve("inbox"));
        processed = Files.createDirectory(root.resolve("processed"));
        assumeTrue(system("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", processed.toString()),
                "needs root to mount a tmpfs");
        Files.writeString(inbox.resolve("a.md"), "# some   title\n\nbody\n");
        Files.writeString(inbox.resolve("b.txt"), "Already Fine\n");
        Files.writeString(inbox.resolve("c.md"), "no heading here\n");
        Files.write(inbox.resolve("d.md"), new byte[] {'#', ' ', 0, '\n'});
    }

    @AfterEach
    void unmount() throws Exception {
        system("umount", "-l", processed.toString());
    }

    private static boolean system(String... command) throws IOException, InterruptedException {
        return SystemCommands.run(List.of(command));
    }

    private int filemill(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--inbox", inbox.toString(), "--processed",
                processed.toString(), "--failed", root.resolve("failed").toString(), "--home",
                root.resolve("state").toString(), "--min-age", "0s"));
        args.addAll(List.of(extra));
        return new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
    }

    @Test
    void isRefusedAtStartWithoutCopyMode() {
        assertThat(filemill()).isEqualTo(ExitCodes.FATAL);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is on another file system than the inbox",
                "set filemill.delivery.cross-device=copy");
        assertThat(inbox.resolve("a.md")).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "process"})
    void copyModeDeliversEveryFileAsAVerifiedCopy(String mode) throws Exception {
        int exit = filemill("--mode", mode, "--filemill.delivery.cross-device=copy");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.FILES_FAILED);
        assertThat(processed.resolve("a.md")).hasContent("# Some Title\n\nbody\n");
        assertThat(processed.resolve("b.txt")).hasContent("Already Fine\n");
        assertThat(processed.resolve("c.md")).hasContent("no heading here\n");
        assertThat(root.resolve("failed/d.md.reason")).content().contains("binary content");
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsOnly(".filemill.lock");
        }
        try (Stream<Path> files = Files.list(processed)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.md", "b.txt", "c.md");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("retitled 1, unchanged 2");
    }
}
