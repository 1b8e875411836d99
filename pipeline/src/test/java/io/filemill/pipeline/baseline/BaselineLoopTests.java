package io.filemill.pipeline.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.RetitleResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The baseline does the same rewrite as filemill's retitle stage, so that comparing them is fair. */
class BaselineLoopTests {

    private static final Map<String, String> DOCUMENTS = Map.of(
            "a.md", "---\ntitle: \"q3   budget\"\n---\n# ignored\n",
            "b.md", "\uFEFF# weekly   notes\r\n\r\nbody\r\n",
            "c.html", "<html><head><title>the  &amp; plan</title></head><body>x</body></html>\n",
            "d.txt", "annual review\n\nbody\n",
            "e.md", "no heading here\n",
            "f.md", "# Already Fine\n");

    @TempDir
    Path root;
    Path inbox;
    Path processed;

    @BeforeEach
    void inbox() throws IOException {
        inbox = Files.createDirectory(root.resolve("inbox"));
        processed = Files.createDirectory(root.resolve("processed"));
        for (Map.Entry<String, String> document : DOCUMENTS.entrySet()) {
            Files.writeString(inbox.resolve(document.getKey()), document.getValue());
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 4})
    void deliversTheSameBytesAsTheRetitleStageOnAnyNumberOfThreads(int threads) throws Exception {
        Path staging = Files.createDirectory(root.resolve("staging"));
        Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "t", RuleChain.defaults(), LocalDate.now(),
                RetitleSettings.DEFAULT_HEAD_LIMIT));
        long id = 0;
        for (String name : DOCUMENTS.keySet()) {
            Path file = inbox.resolve(name);
            RetitleResult result = retitler.retitle(new FileTask(++id, file, name, Files.size(file)));
            byte[] expected = result instanceof RetitleResult.Rewritten rewritten
                    ? Files.readAllBytes(rewritten.staged()) : Files.readAllBytes(file);
            Files.write(staging.resolve("expected-" + name), expected);
        }

        BaselineLoop.Result result = new BaselineLoop(inbox, processed, threads, false).run();

        assertThat(result.files()).isEqualTo(DOCUMENTS.size());
        assertThat(result.latencyNanos()).hasSize(DOCUMENTS.size());
        assertThat(Arrays.stream(result.latencyNanos()).min().orElseThrow()).isPositive();
        assertThat(inbox).isEmptyDirectory();
        for (String name : DOCUMENTS.keySet()) {
            assertThat(processed.resolve(name)).as(name).hasSameBinaryContentAs(staging.resolve("expected-" + name));
        }
    }

    @Test
    void forcingVariantDeliversTheSameAndLeavesNoTemporaryFile() throws Exception {
        BaselineLoop.Result result = new BaselineLoop(inbox, processed, 2, true).run();
        assertThat(result.files()).isEqualTo(DOCUMENTS.size());
        assertThat(processed.resolve("d.txt")).hasContent("Annual Review\n\nbody\n");
        try (var files = Files.list(processed)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }

    @Test
    void leavesFilesThatAreNotTextInTheInboxAndPrintsItsMeasurements() throws Exception {
        Files.write(inbox.resolve("binary.md"), new byte[] {'#', ' ', (byte) 0xff, 0, 1});
        BaselineLoop.Result result = new BaselineLoop(inbox, processed, 2, false).run();
        assertThat(result.left()).isEqualTo(1);
        assertThat(inbox.resolve("binary.md")).exists();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("files=6\n", "left=1\n", "latencyP50Millis=",
                "cpuSeconds=", "peakRssBytes=", "firstDeliveredMillis=");
    }
}
