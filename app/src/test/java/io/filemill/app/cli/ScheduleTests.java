package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.FilemillProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code filemill schedule} as a real process: firing, misfire policies, SIGTERM. */
class ScheduleTests {

    @TempDir
    Path root;
    Path inbox;
    FilemillProcess schedule;

    @BeforeEach
    void inbox() throws IOException {
        inbox = Files.createDirectories(root.resolve("inbox"));
    }

    @AfterEach
    void stop() {
        if (schedule != null) {
            schedule.close();
        }
    }

    private List<String> location() {
        return List.of("--inbox", inbox.toString(), "--processed", root.resolve("processed").toString(),
                "--failed", root.resolve("failed").toString(), "--home", root.resolve("state").toString(),
                "--min-age", "0s");
    }

    private FilemillProcess startSchedule(String... options) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("schedule"));
        arguments.addAll(location());
        arguments.addAll(List.of(options));
        return FilemillProcess.start(root.resolve("schedule.log"), arguments);
    }

    private String log() throws IOException {
        return schedule.log();
    }

    private void awaitLog(String text) throws Exception {
        schedule.awaitLog(text);
    }

    private int sigterm() throws Exception {
        return schedule.sigterm();
    }

    @Test
    void runsAtEveryFireTimeLogsTheNextAndExitsZeroOnSigterm() throws Exception {
        schedule = startSchedule("--cron", "*/2 * * * * *");
        awaitLog("next run at");
        Files.writeString(inbox.resolve("a.md"), "# night   shift\n");

        awaitLog("run ended: every file delivered; next run at");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.notExists(root.resolve("processed/a.md")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(root.resolve("processed/a.md")).hasContent("# Night Shift\n");
        assertThat(sigterm()).as(log()).isZero();
        assertThat(log()).contains("schedule: stopping");
    }

    @Test
    void servesHealthWithTheLastRunAndMetricsOnALocalPort() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.writeString(inbox.resolve("a.md"), "# health\n");
        schedule = startSchedule("--cron", "*/2 * * * * *", "--filemill.schedule.port=" + port);
        awaitLog("run ended: every file delivered");

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String health = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        String retitled = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/actuator/metrics/filemill.files.retitled")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();

        String prometheus = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();

        assertThat(health).contains("\"lastRun\"", "\"status\":\"COMPLETED\"", "\"status\":\"UP\"",
                "\"filemillDiskSpace\"", "\"processed\"", "\"home\"", "\"free\"");
        assertThat(retitled).contains("\"value\":1.0");
        assertThat(prometheus).contains("filemill_files_retitled_files_total 1.0");
        assertThat(Files.readString(root.resolve("schedule.log")))
                .contains("schedule: health on http://127.0.0.1:" + port + "/actuator/health");
        assertThat(sigterm()).isZero();
    }

    /** A finished run, recorded as having started three days ago: the nightly fire times since were missed. */
    private void runThreeDaysAgo() throws Exception {
        Files.writeString(inbox.resolve("three-days-ago.md"), "# three days ago\n"); // an empty inbox records no run
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(location());
        assertThat(new FilemillCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                .run(args.toArray(String[]::new))).isZero();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + root.resolve("state/jobrepo"), "sa", "");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("update BATCH_JOB_EXECUTION set START_TIME = dateadd('DAY', -3, START_TIME), "
                    + "END_TIME = dateadd('DAY', -3, END_TIME)");
        }
        Files.writeString(inbox.resolve("late.md"), "# waited all weekend\n");
    }

    @Test
    void missedNightRunsOnceAtStartWithRunOnce() throws Exception {
        runThreeDaysAgo();
        schedule = startSchedule("--cron", "0 0 2 * * *", "--misfire", "run-once");

        awaitLog("run ended: every file delivered");

        assertThat(log()).contains("was missed; running now (misfire: run-once)");
        assertThat(root.resolve("processed/late.md")).hasContent("# Waited All Weekend\n");
        assertThat(sigterm()).isZero();
    }

    @Test
    void missedNightWaitsForTheNextFireTimeWithSkip() throws Exception {
        runThreeDaysAgo();
        schedule = startSchedule("--cron", "0 0 2 * * *", "--misfire", "skip");

        awaitLog("next run at");

        assertThat(log()).contains("was missed; waiting for the next (misfire: skip)");
        // a run the policy started would have been handed to the scheduler before "next run at" was logged
        assertThat(sigterm()).isZero();
        assertThat(log()).doesNotContain("run started");
        assertThat(inbox.resolve("late.md")).exists();
        ByteArrayOutputStream history = new ByteArrayOutputStream();
        new FilemillCli(new PrintStream(history, true), new PrintStream(new ByteArrayOutputStream()))
                .run("history", "--home", root.resolve("state").toString());
        assertThat(history.toString().lines().skip(1).toList()).as("only the run of three days ago").hasSize(1);
    }
}
