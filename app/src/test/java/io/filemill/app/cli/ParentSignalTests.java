package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.History;
import io.filemill.app.SampleData;
import io.filemill.app.SystemCommands;
import io.filemill.app.corpus.CorpusGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals to a real filemill process in process mode. Its workers are recognised by the
 * {@code -Dfilemill.home=} property in their command line.
 */
class ParentSignalTests {

    static final int FILES = 4000;

    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    /** A failed assertion must not leave a run and its workers behind for the tests that follow. */
    @AfterEach
    void killWhatIsStillRunning() throws InterruptedException {
        for (Process run : started) {
            run.destroyForcibly();
            run.waitFor(30, TimeUnit.SECONDS);
        }
        assertNoWorkerWithin(10);
    }

    private Process startRun(String... extra) throws IOException {
        new CorpusGenerator(3).generate(root.resolve("inbox"), FILES);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName(), "run", "--mode", "process",
                "--inbox", root.resolve("inbox").toString(), "--processed", root.resolve("processed").toString(),
                "--failed", root.resolve("failed").toString(), "--home", root.resolve("state").toString(),
                "--filemill.delivery.batch-size=8", "--min-age", "0s"));
        command.addAll(List.of(extra));
        Process run = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("run.log").toFile()).start();
        started.add(run);
        return run;
    }

    private List<ProcessHandle> workersOfThisRun() {
        return SystemCommands.workersOf(root.resolve("state"));
    }

    private void awaitDelivered(int count, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (count(root.resolve("processed")) < count) {
            assertThat(run.isAlive()).as(Files.readString(root.resolve("run.log"))).isTrue();
            assertThat(System.nanoTime()).as("no progress").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    /**
     * Has the running filemill's embedded H2 write everything committed so far to its file, through
     * a second connection that its automatic mixed mode serves: a commit made just before a SIGKILL
     * can otherwise be missing from the file (its MVStore writes the chunk a moment later; h2database
     * issue 1259; PostgreSQL has no such window). Waiting for the file to change instead was flaky:
     * once every file is delivered the run commits nothing more, so the file may not change again.
     */
    private static void checkpoint(Path home) throws SQLException {
        String url = "jdbc:h2:file:" + home.toAbsolutePath().normalize().resolve("jobrepo") + ";AUTO_SERVER=TRUE";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        }
    }

    private void assertNoWorkerWithin(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!workersOfThisRun().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(workersOfThisRun()).as("workers left behind").isEmpty();
    }

    private void assertEachFileInExactlyOnePlace() throws IOException {
        List<String> everywhere = new ArrayList<>(SampleData.relativeFiles(root.resolve("processed")));
        everywhere.addAll(SampleData.relativeFiles(root.resolve("inbox")));
        everywhere.removeIf(name -> name.startsWith(".filemill-"));
        assertThat(everywhere).hasSize(FILES).doesNotHaveDuplicates();
    }

    @Test
    void sigtermStopsTakingFilesFinishesTheOnesInFlightAndStopsTheWorkers() throws Exception {
        Process run = startRun();
        awaitDelivered(300, run);
        assertThat(workersOfThisRun()).hasSize(3); // 2 retitle, 1 deliver

        run.destroy(); // SIGTERM
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertNoWorkerWithin(5);
        assertEachFileInExactlyOnePlace();
        assertThat(count(root.resolve("inbox"))).as("the run stopped early").isPositive();
        assertThat(SampleData.relativeFiles(root.resolve("processed")))
                .noneMatch(name -> name.startsWith(".filemill-"));
        assertThat(Files.readString(root.resolve("run.log"))).contains("stop requested");
        assertThat(root.resolve("state/runs/run-1.json")).as("the stopped run is reported").exists();
        ByteArrayOutputStream history = new ByteArrayOutputStream();
        new FilemillCli(new PrintStream(history, true), new PrintStream(new ByteArrayOutputStream()))
                .run("history", "--home", root.resolve("state").toString());
        assertThat(history.toString().lines().skip(1).toList()).as("recorded as ended, not left running")
                .singleElement().asString().endsWith("STOPPED");
    }

    @Test
    void workersExitWhenTheirParentIsKilledAndARerunFinishesTheJob() throws Exception {
        // one file whose title rule backtracks for a minute keeps the run going until it is killed
        Files.createDirectories(root.resolve("inbox"));
        Files.writeString(root.resolve("inbox/stuck.md"), "# " + "a".repeat(40) + "c\n\ntext\n");
        Process run = startRun("--filemill.rules[0]=replace:^(a+)+\\1b=>x", "--filemill.title.file-timeout=90s",
                "--filemill.worker.task-timeout=120s");
        awaitDelivered(FILES, run);
        // killed once recorded: a run killed before its job repository was up leaves no record, only files
        assertThat(History.awaitRunning(root.resolve("state"), Duration.ofSeconds(30))).contains("STARTED");
        checkpoint(root.resolve("state"));

        run.destroyForcibly(); // SIGKILL: no hook runs; the workers see end of input
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertNoWorkerWithin(10);
        int exit = new FilemillCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                .run("run", "--mode", "process", "--inbox", root.resolve("inbox").toString(),
                        "--processed", root.resolve("processed").toString(), "--failed", root.resolve("failed").toString(),
                        "--home", root.resolve("state").toString(), "--min-age", "0s");
        assertThat(exit).isZero();
        assertThat(count(root.resolve("inbox"))).isZero();
        assertThat(count(root.resolve("processed"))).isEqualTo(FILES + 1); // the stuck file too, under the default rules
        ByteArrayOutputStream history = new ByteArrayOutputStream();
        new FilemillCli(new PrintStream(history, true), new PrintStream(new ByteArrayOutputStream()))
                .run("history", "--home", root.resolve("state").toString());
        assertThat(history.toString().lines().skip(1).toList()).as("the killed run is marked, not left running")
                .satisfiesExactly(rerun -> assertThat(rerun).endsWith("COMPLETED"),
                        killed -> assertThat(killed).endsWith("FAILED"));
        assertThat(SampleData.relativeFiles(root.resolve("processed"))).as("no file delivered twice under a suffixed name")
                .noneMatch(n -> n.matches(".*-\\d{6}-\\d+\\.(md|html|txt)"));
    }
}
