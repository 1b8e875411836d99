package io.filemill.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.FilemillProcess;
import io.filemill.app.SampleData;
import io.filemill.app.cli.FilemillCli;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code filemill watch} as a real process: files dropped while it runs, rescans, stops. */
class WatchTests {

    @TempDir
    Path root;
    Path inbox;
    FilemillProcess watch;

    @BeforeEach
    void inbox() throws IOException {
        inbox = Files.createDirectories(root.resolve("inbox"));
    }

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
    }

    private FilemillProcess startWatch(String... options) throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> arguments = new ArrayList<>(List.of("watch", "-v",
                "--inbox", inbox.toString(), "--processed", root.resolve("processed").toString(),
                "--failed", root.resolve("failed").toString(), "--home", root.resolve("state").toString(),
                "--filemill.schedule.port=" + port));
        arguments.addAll(List.of(options));
        watch = FilemillProcess.start(root.resolve("watch.log"), arguments);
        awaitLog("watch: watching");
        return watch;
    }

    private String log() throws IOException {
        return watch.log();
    }

    private void awaitLog(String text) throws Exception {
        watch.awaitLog(text);
    }

    /** Until every wave that started has ended (and been recorded). */
    private void awaitEveryWaveEnded() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(log(), "run started") != count(log(), "wave ended: ")) {
            assertThat(watch.process().isAlive()).as(log()).isTrue();
            assertThat(System.nanoTime()).as("waiting for the waves to end in\n" + log()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.notExists(file)) {
            assertThat(watch.process().isAlive()).as(log()).isTrue();
            assertThat(System.nanoTime()).as("waiting for " + file + " in\n" + log()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private int sigterm() throws Exception {
        return watch.sigterm();
    }

    private List<String> history() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FilemillCli(new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream()))
                .run("history", "--home", root.resolve("state").toString());
        return out.toString().lines().skip(1).filter(line -> !line.equals("no runs yet")).toList();
    }

    private static int count(String text, String of) {
        Matcher matcher = Pattern.compile(Pattern.quote(of)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    @ParameterizedTest(name = "{0} mode")
    @ValueSource(strings = {"thread", "process"})
    void deliversFilesDroppedWhileItRunsAsWavesRecordedAsRunsAndStopsCleanlyOnSigterm(String mode) throws Exception {
        Files.writeString(inbox.resolve("before.md"), "# there   before\n");
        startWatch("--mode", mode, "--min-age", "1s", "--rescan", "10m"); // only events can start a later wave
        awaitFile(root.resolve("processed/before.md"));

        Files.writeString(inbox.resolve("a.md"), "# dropped   while watching\n");
        Files.writeString(inbox.resolve("b.html"), "<html><head><title>second  one</title></head></html>\n");
        Files.writeString(inbox.resolve(".hidden.md"), "# not taken\n");
        awaitFile(root.resolve("processed/a.md"));
        awaitFile(root.resolve("processed/b.html"));
        awaitEveryWaveEnded();

        assertThat(root.resolve("processed/before.md")).hasContent("# There Before\n");
        assertThat(root.resolve("processed/a.md")).hasContent("# Dropped While Watching\n");
        assertThat(SampleData.relativeFiles(inbox)).containsExactly(".hidden.md");
        assertThat(sigterm()).as(log()).isZero();
        assertThat(log()).contains("watch: stopped").doesNotContain("ERROR");
        List<String> runs = history();
        assertThat(runs).as("one run per wave").hasSize(count(log(), "wave ended: "))
                .hasSizeBetween(2, 3).allMatch(run -> run.endsWith("COMPLETED"));
        assertThat(SampleData.relativeFiles(root.resolve("processed"))).containsExactly("a.md", "b.html", "before.md");
    }

    @Test
    void aFileInANewSubdirectoryIsDeliveredWhenRecursive() throws Exception {
        startWatch("--min-age", "1s", "--rescan", "10m", "--recursive");
        Path nested = Files.createDirectories(inbox.resolve("2026/12"));
        Files.writeString(nested.resolve("deep.md"), "# deep   down\n");

        awaitFile(root.resolve("processed/2026/12/deep.md"));

        assertThat(root.resolve("processed/2026/12/deep.md")).hasContent("# Deep Down\n");
        assertThat(sigterm()).isZero();
    }

    @Test
    void aFileTheEventsDidNotMakeReadyIsDeliveredByTheRescanAndEmptyLooksRecordNoRun() throws Exception {
        startWatch("--min-age", "1s", "--rescan", "2s");
        // modified "in the future" (a writer with a fast clock on a shared file system): when its events
        // say it should be ready it is not, and no further event comes; only a rescan finds it ready
        Path late = Files.writeString(inbox.resolve("late.md"), "# clock   skew\n");
        Files.setLastModifiedTime(late, FileTime.from(Instant.now().plusSeconds(2)));

        awaitFile(root.resolve("processed/late.md"));
        awaitLog("looked at the inbox; no file is ready");
        awaitEveryWaveEnded();

        assertThat(sigterm()).isZero();
        assertThat(history()).as("only the wave that delivered").hasSize(1);
    }

    @Test
    void sigtermDuringAWaveLetsItStopCleanlyWithTheStuckFileLeftInTheInbox() throws Exception {
        startWatch("--min-age", "0s", "--rescan", "10m", "--filemill.stop.grace=1s",
                "--filemill.title.file-timeout=90s", "--filemill.rules[0]=replace:^(a+)+\\1b=>x");
        Files.writeString(inbox.resolve("stuck.md"), "# " + "a".repeat(40) + "c\n\ntext\n");
        awaitLog("run started");
        Thread.sleep(300); // the stuck file is being retitled

        assertThat(sigterm()).as(log()).isZero();

        assertThat(inbox.resolve("stuck.md")).exists();
        RunReport report = new RunReportWriter().read(root.resolve("state/runs/run-1.json"));
        assertThat(report.status()).isEqualTo("STOPPED");
        assertThat(report.left()).isEqualTo(1);
        assertThat(log()).contains("watch: stopped");
    }
}
