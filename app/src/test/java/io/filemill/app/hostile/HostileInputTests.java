package io.filemill.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.SampleData;
import io.filemill.app.cli.ExitCodes;
import io.filemill.app.cli.FilemillCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input, each case with its golden outcome, through the real command line, Spring context
 * and files: every input ends in exactly one place (inbox, processed/ with the expected bytes,
 * failed/ with its reason), nothing temporary is left visible, nothing outside the three
 * directories changes, and a second run changes nothing more.
 */
class HostileInputTests {

    private static final int BIG_LINE_BYTES = 200 * 1024 * 1024;

    @TempDir
    Path root;
    Path inbox;
    Path processed;
    Path failed;
    Path outside;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Inputs that must be delivered, by name, with the bytes processed/ must then hold. */
    final Map<String, byte[]> delivered = new LinkedHashMap<>();
    /** Inputs that must go to failed/, by name, with words their reason must contain. */
    final Map<String, String> rejected = new LinkedHashMap<>();
    /** Entries that must stay in the inbox untouched. */
    final Set<String> staying = new TreeSet<>();

    @BeforeEach
    void directories() throws IOException {
        inbox = Files.createDirectory(root.resolve("inbox"));
        processed = Files.createDirectory(root.resolve("processed"));
        failed = root.resolve("failed");
        outside = Files.createDirectory(root.resolve("outside"));
    }

    private int filemill() {
        return new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("run", "--inbox", inbox.toString(),
                "--processed", processed.toString(), "--failed", failed.toString(),
                "--home", root.resolve("state").toString(), "--min-age", "0s");
    }

    private void deliver(String name, String input, String output) throws IOException {
        deliver(name, input.getBytes(StandardCharsets.UTF_8), output.getBytes(StandardCharsets.UTF_8));
    }

    private void deliver(String name, byte[] input, byte[] output) throws IOException {
        Files.write(inbox.resolve(name), input);
        delivered.put(name, output);
    }

    private void reject(String name, byte[] input, String reason) throws IOException {
        Files.write(inbox.resolve(name), input);
        rejected.put(name, reason);
    }

    @Test
    void everyHostileInputEndsInExactlyOnePlaceWithItsGoldenOutcome() throws Exception {
        // content
        deliver("empty.md", "", "");
        deliver("bom.md", "\uFEFF# byte   order mark\n", "\uFEFF# Byte Order Mark\n");
        deliver("crlf.txt", "windows  line\r\nendings\r\n", "Windows Line\r\nendings\r\n");
        // <title> holds text only (RCDATA): <i> in it is text, so it is written back escaped
        deliver("markup.html", "<html><head><title>a &lt;b&gt; &amp; <i>c</i>  d</title></head></html>\n",
                "<html><head><title>A &lt;b&gt; &amp; &lt;i&gt;c&lt;/i&gt; D</title></head></html>\n");
        String bigTitle = "word ".repeat(200_000).strip();
        deliver("big-title.md", "# " + bigTitle + "\n", "# " + "Word ".repeat(200_000).strip() + "\n");
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        binary[10] = 0;
        reject("binary.md", binary, "binary content");
        reject("invalid-utf8.txt", new byte[] {'o', 'k', ' ', (byte) 0xC3, '(', '\n'}, "not valid UTF-8");
        reject("utf16.txt", "\uFEFFtitle\n".getBytes(StandardCharsets.UTF_16LE), "UTF-16");
        // a 200 MB line: the title must end within the 1 MiB head, so the file is delivered as it is
        Path huge = inbox.resolve("huge-line.txt");
        try (OutputStream stream = Files.newOutputStream(huge)) {
            byte[] block = "abcdefgh".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int written = 0; written < BIG_LINE_BYTES; written += block.length) {
                stream.write(block);
            }
        }
        // names
        deliver("with space.md", "# spaced  name\n", "# Spaced Name\n");
        deliver("new\nline.md", "# new  line\n", "# New Line\n");
        deliver("-leading-dash.md", "# dash\n", "# Dash\n");
        deliver("--rm -rf.md", "# options\n", "# Options\n");
        deliver("ünïcödé ñame.md", "# ünïcödé\n", "# Ünïcödé\n");
        // links and special files
        Path secret = Files.writeString(outside.resolve("secret.md"), "# secret  outside\n");
        Files.createSymbolicLink(inbox.resolve("link-out.md"), secret);
        Files.createSymbolicLink(inbox.resolve("loop.md"), inbox.resolve("loop.md"));
        Files.createSymbolicLink(inbox.resolve("dangling.md"), root.resolve("missing.md"));
        staying.addAll(List.of("link-out.md", "loop.md", "dangling.md"));
        Process mkfifo = new ProcessBuilder("mkfifo", inbox.resolve("pipe.md").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        staying.add("pipe.md");
        deliver("hard-a.md", "# hard  link\n", "# Hard Link\n");
        Files.createLink(inbox.resolve("hard-b.md"), inbox.resolve("hard-a.md"));
        delivered.put("hard-b.md", "# Hard Link\n".getBytes(StandardCharsets.UTF_8));
        // a name processed/ already has
        Files.writeString(processed.resolve("collide.md"), "# Earlier Delivery\n");
        deliver("collide.md", "# later  one\n", "# Later One\n");

        int exit = filemill();

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.FILES_FAILED);
        assertThat(processed.resolve("huge-line.txt")).hasSize(BIG_LINE_BYTES);
        delivered.put("huge-line.txt", null);
        assertInvariants();
        assertThat(processed.resolve("collide.md")).hasContent("# Earlier Delivery\n");
        assertThat(processed.resolve("collide-1.md")).hasContent("# Later One\n");
        assertThat(secret).hasContent("# secret  outside\n");
        assertThat(SampleData.relativeFiles(outside)).containsExactly("secret.md");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("failed       3");

        out.reset();
        assertThat(filemill()).as("a second run finds nothing more to do").isZero();
        assertInvariants();
        // what the scan passes over (links, FIFOs) is seen again, and taken never
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("delivered    0  (retitled 0, unchanged 0)",
                "failed       0").doesNotContain("left ");
    }

    private void assertInvariants() throws IOException {
        Set<String> inboxNow = new TreeSet<>(names(inbox));
        inboxNow.remove(".filemill.lock");
        assertThat(inboxNow).as("left in the inbox").isEqualTo(staying);
        for (String name : staying) {
            assertThat(inbox.resolve(name)).as(name + " stays").satisfiesAnyOf(
                    path -> assertThat(Files.isSymbolicLink(path)).isTrue(),
                    path -> assertThat(Files.isRegularFile(path)).isFalse());
        }
        List<String> processedNow = names(processed);
        assertThat(processedNow).as("nothing temporary is visible").noneMatch(n -> n.startsWith(".") || n.endsWith(".tmp"));
        for (Map.Entry<String, byte[]> file : delivered.entrySet()) {
            String name = file.getKey().equals("collide.md") ? "collide-1.md" : file.getKey();
            assertThat(processed.resolve(name)).as(name).exists();
            if (file.getValue() != null) {
                assertThat(Files.readAllBytes(processed.resolve(name))).as(name)
                        .isEqualTo(file.getValue());
            }
        }
        List<String> expectedProcessed = new ArrayList<>(delivered.keySet());
        expectedProcessed.add("collide-1.md");
        assertThat(processedNow).containsExactlyInAnyOrderElementsOf(expectedProcessed);
        List<String> failedNow = names(failed);
        List<String> expectedFailed = new ArrayList<>();
        for (Map.Entry<String, String> file : rejected.entrySet()) {
            expectedFailed.add(file.getKey());
            expectedFailed.add(file.getKey() + ".reason");
            assertThat(failed.resolve(file.getKey() + ".reason")).content().contains(file.getValue());
        }
        assertThat(failedNow).containsExactlyInAnyOrderElementsOf(expectedFailed);
    }

    private static List<String> names(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
