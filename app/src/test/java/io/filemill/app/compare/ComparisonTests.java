package io.filemill.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.cli.FilemillCli;
import io.filemill.app.cli.FilemillMain;
import io.filemill.app.corpus.CorpusProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real, small comparison: real JVMs for every trial, real files, every report file. */
class ComparisonTests {

    @TempDir
    Path root;

    @Test
    void comparesBothModesAndTheBaselineAndWritesEveryReport() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path dir = root.resolve("report");
        int exit = new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("compare", "--files", "40", "--repeat", "1",
                "--workers", "1", "--durability", "fast", "--profile", "small", "--out", dir.toString());

        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stdout + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout).contains("baseline", "thread x1 fast", "process x1 fast", "report.html",
                "with one trial of each there is no spread").doesNotContain("target", "overlap");
        assertThat(stdout.lines().filter(line -> !line.startsWith("- ") && !line.startsWith("report: ")))
                .as("the table fits a terminal").allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));

        JsonNode report = JsonMapper.builder().build().readTree(dir.resolve("report.json").toFile());
        assertThat(report.get("trials")).hasSize(3);
        for (JsonNode trial : report.get("trials")) {
            assertThat(trial.get("files").asLong()).isEqualTo(40);
            assertThat(trial.get("filesPerSecond").asDouble()).isPositive();
        }
        JsonNode process = report.get("trials").get(2);
        assertThat(process.get("configuration").asString()).isEqualTo("process x1 fast");
        assertThat(process.get("frames").asDouble()).as("HELLO, READY and a request and reply per file")
                .isGreaterThanOrEqualTo(2 + 2 * 40);
        assertThat(process.get("workerStartupMillis").asDouble()).isPositive();
        assertThat(report.get("verdict").get(0).asString()).startsWith("Fastest here:");
        boolean root = Files.isWritable(Path.of("/proc/sys/vm/drop_caches"));
        assertThat(report.get("machine").get("pageCache").asString()).as("cold by default where allowed")
                .startsWith(root ? "cold:" : "warm:");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("page cache: " + (root ? "cold" : "warm"));

        List<String> summary = Files.readAllLines(dir.resolve("report.csv"));
        assertThat(summary).hasSize(1 + 3);
        assertThat(summary.get(0)).startsWith("configuration,mode,workers,durability,samples,files_per_second_median");
        assertThat(Files.readAllLines(dir.resolve("trials.csv"))).hasSize(1 + 3);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<canvas id=\"throughput\"", "Chart.js v4", "Fastest here:", "Page cache: ")
                .doesNotContain("src=\"http", "href=\"http");
        assertThat(dir.resolve("corpus")).doesNotExist();
        assertThat(Files.list(dir.resolve("trials")).filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                .containsExactly("warm-up");
    }

    @Test
    void aTrialThatCannotRunStopsTheComparisonNamingItsLog() throws Exception {
        ComparePlan plan = new ComparePlan(5, CorpusProfile.SMALL, 1, 1,
                List.of(Configuration.filemill("thread", 1, "fast")));
        Comparison comparison = new Comparison(plan, root.resolve("report"), List.of("-Xmx1m"), FilemillMain.class.getName(),
                false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> comparison.run(new Comparison.Listener() {
                    @Override
                    public void trialStarted(ComparePlan.Trial trial, int of) {
                    }

                    @Override
                    public void trialFinished(ComparePlan.Trial trial, TrialResult result) {
                    }
                }))
                .hasMessageContaining("thread x1 fast exited with").hasMessageContaining(".log");
    }
}
