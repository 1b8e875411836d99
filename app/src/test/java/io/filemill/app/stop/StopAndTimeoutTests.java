package io.filemill.app.stop;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.SampleData;
import io.filemill.app.History;
import io.filemill.app.SystemCommands;
import io.filemill.app.cli.FilemillCli;
import io.filemill.app.cli.FilemillMain;
import io.filemill.app.corpus.CorpusGenerator;
import io.filemill.app.report.FileProblem;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stops and time limits on real filemill processes, in both modes. A "stuck" file is one whose
 * title sends the rule {@code replace:^(a+)+\1b=>x} into backtracking without end (the back
 * reference keeps Java's matcher from remembering failed positions): its retitle runs until its
 * file timeout, a stop or a kill ends it, so it is reliably in flight when the test acts.
 */
class StopAndTimeoutTests {

    private static final int NORMAL_FILES = 60;
    private static final String STUCK_RULE = "--filemill.rules[0]=replace:^(a+)+\\1b=>x";
    private static final String STUCK = "stuck.md";

    @TempDir
    Path root;

    private void inboxWithOneStuckFile() throws IOException {
        new CorpusGenerator(5).generate(root.resolve("inbox"), NORMAL_FILES);
        Files.writeString(root.resolve("inbox").resolve(STUCK), "# " + "a".repeat(40) + "c\n\ntext\n");
    }

    private List<String> runCommand(String mode, String... extra) {
        List<String> command = new ArrayList<>(List.of("run", "--mode", mode,
                "--inbox", root.resolve("inbox").toString(), "--processed", root.resolve("processed").toString(),
                "--failed", root.resolve("failed").toString(), "--home", root.resolve("state").toString(),
                "--min-age", "0s", STUCK_RULE));
        command.addAll(List.of(extra));
        return command;
    }

    private Process start(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("run.log").toFile()).start();
    }

    private void awaitDelivered(long count, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (visible(root.resolve("processed")) < count) {
            assertThat(run.isAlive()).as(log()).isTrue();
            assertThat(System.nanoTime()).as("no progress: " + log()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String log() throws IOException {
        return Files.readString(root.resolve("run.log"));
    }

    private static long visible(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private RunReport report() throws IOException {
        return new RunReportWriter().read(root.resolve("state/runs/run-1.json"));
    }

    private static void assertTheNumbersAddUp(RunReport report) {
        assertThat(report.seen()).isEqualTo(report.delivered() + report.failed() + report.left() + report.skipped()
                + report.deferred());
        assertThat(report.taken()).isEqualTo(report.delivered() + report.failed() + report.left());
    }

    private void assertNoStagedFileLeft() throws IOException {
        assertThat(SampleData.relativeFiles(root.resolve("processed"))).noneMatch(name -> name.startsWith(".filemill-"));
    }

    @ParameterizedTest(name = "{0} in {1} mode")
    @CsvSource({"TERM, thread, 143", "TERM, process, 143", "INT, thread, 130", "INT, process, 130"})
    void aSignalStopsTheRunWithinTheGraceLeavingTheStuckFileInTheInbox(String signal, String mode, int exitCode)
            throws Exception {
        if (signal.equals("INT")) {
            SystemCommands.assertSigintIsNotIgnored();
        }
        inboxWithOneStuckFile();
        Process run = start(runCommand(mode, "--filemill.stop.grace=2s", "--filemill.title.file-timeout=90s",
                "--filemill.worker.task-timeout=120s"));
        awaitDelivered(NORMAL_FILES, run); // every other file is done: the stuck one is in flight
        long signalled = System.nanoTime();
        assertThat(SystemCommands.run(List.of("kill", "-" + signal, Long.toString(run.pid())))).isTrue();

        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as(log()).isTrue();
        Duration stopped = Duration.ofNanos(System.nanoTime() - signalled);
        assertThat(stopped).as("stop time, with a grace of 2 s").isLessThan(Duration.ofSeconds(12));
        assertThat(run.exitValue()).as(log()).isEqualTo(exitCode);
        assertThat(log()).contains("stop requested (SIG" + signal + ")").doesNotContain("Job interrupted");
        assertThat(root.resolve("inbox").resolve(STUCK)).exists();
        assertNoStagedFileLeft();
        assertThat(SystemCommands.workersOf(root.resolve("state"))).isEmpty();
        RunReport report = report();
        assertThat(report.status()).isEqualTo("STOPPED");
        assertThat(report.delivered()).isEqualTo(NORMAL_FILES);
        assertThat(report.left()).isEqualTo(1);
        assertThat(report.lefts()).extracting(FileProblem::file).containsExactly(STUCK);
        assertThat(report.lefts().get(0).reason()).contains("the run stopped");
        assertTheNumbersAddUp(report);
        ByteArrayOutputStream history = new ByteArrayOutputStream();
        new FilemillCli(new PrintStream(history, true), new PrintStream(new ByteArrayOutputStream()))
                .run("history", "--home", root.resolve("state").toString());
        assertThat(history.toString().lines().skip(1).toList()).singleElement().asString().endsWith("STOPPED");
    }

    @Test
    void historyAndShowAnswerWhileAnotherProcessRunsOnTheEmbeddedJobRepository() throws Exception {
        inboxWithOneStuckFile();
        Process run = start(runCommand("thread", "--filemill.stop.grace=1s", "--filemill.title.file-timeout=90s"));
        awaitDelivered(NORMAL_FILES, run); // the run is in progress, holding the job repository open

        assertThat(History.awaitRunning(root.resolve("state"), Duration.ofSeconds(30)).lines().skip(1).toList())
                .singleElement().asString().endsWith("STARTED");
        ByteArrayOutputStream history = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        FilemillCli cli = new FilemillCli(new PrintStream(history, true), new PrintStream(errors, true));
        assertThat(cli.run("show", "1", "--home", root.resolve("state").toString())).as(errors.toString()).isZero();
        assertThat(history.toString()).contains("STARTED");

        assertThat(SystemCommands.run(List.of("kill", "-TERM", Long.toString(run.pid())))).isTrue();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as(log()).isTrue();
        history.reset();
        assertThat(cli.run("history", "--home", root.resolve("state").toString())).as(errors.toString()).isZero();
        assertThat(history.toString().lines().skip(1).toList()).singleElement().asString().endsWith("STOPPED");
    }

    @ParameterizedTest(name = "{0} mode")
    @ValueSource(strings = {"thread", "process"})
    void aSecondCtrlCStopsAtOnceInsteadOfWaitingForTheGrace(String mode) throws Exception {
        SystemCommands.assertSigintIsNotIgnored();
        inboxWithOneStuckFile();
        Process run = start(runCommand(mode, "--filemill.stop.grace=60s", "--filemill.title.file-timeout=90s",
                "--filemill.worker.task-timeout=120s"));
        awaitDelivered(NORMAL_FILES, run);
        long signalled = System.nanoTime();
        assertThat(SystemCommands.run(List.of("kill", "-INT", Long.toString(run.pid())))).isTrue();
        Thread.sleep(300);
        assertThat(SystemCommands.run(List.of("kill", "-INT", Long.toString(run.pid())))).isTrue();

        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as(log()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).as("stop time, with a grace of 60 s")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(run.exitValue()).as(log()).isEqualTo(130);
        assertThat(log()).contains("stopping at once");
        assertThat(root.resolve("inbox").resolve(STUCK)).exists();
        assertNoStagedFileLeft();
        assertThat(report().status()).isEqualTo("STOPPED");
        assertTheNumbersAddUp(report());
    }

    @ParameterizedTest(name = "{0} mode")
    @ValueSource(strings = {"thread", "process"})
    void aFilePastItsTimeoutGoesToFailedSayingSoAndTheRestIsDelivered(String mode) throws Exception {
        inboxWithOneStuckFile();
        Files.writeString(root.resolve("run.log"), "");
        int exit = new FilemillCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                .run(runCommand(mode, "--filemill.title.file-timeout=1s").toArray(String[]::new));

        assertThat(exit).isEqualTo(1);
        assertThat(visible(root.resolve("processed"))).isEqualTo(NORMAL_FILES);
        assertThat(Files.readString(root.resolve("failed").resolve(STUCK + ".reason")))
                .startsWith("took longer than the file timeout of 1s");
        assertEveryFileDeliveredButTheStuckOneFailed();
    }

    @Test
    void aRetitleWorkerKilledWithRequestsInFlightCostsNoOtherFile() throws Exception {
        inboxWithOneStuckFile();
        // one retitle worker holds every request in flight; the stuck file keeps it busy while the test kills it
        Process run = start(runCommand("process", "--filemill.stages.retitle.workers=1",
                "--filemill.title.file-timeout=8s"));
        awaitDelivered(10, run);
        ProcessHandle retitle = SystemCommands.workersOf(root.resolve("state")).stream()
                .filter(p -> p.info().commandLine().orElse("").contains("worker-retitle-1")).findFirst().orElseThrow();
        retitle.destroyForcibly();

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as(log()).isTrue();
        assertThat(run.exitValue()).as(log()).isEqualTo(1);
        assertThat(log()).contains("worker-retitle-1 exited");
        assertEveryFileDeliveredButTheStuckOneFailed();
    }

    private void assertEveryFileDeliveredButTheStuckOneFailed() throws IOException {
        RunReport report = report();
        assertThat(report.delivered()).as(log()).isEqualTo(NORMAL_FILES);
        assertThat(report.failures()).extracting(FileProblem::file).containsExactly(STUCK);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.left()).isZero();
        assertTheNumbersAddUp(report);
        assertNoStagedFileLeft();
    }

    @Test
    void noWorkerOutlivesAParentKilledWhileAWorkerIsBusyAndTheNextRunFinishes() throws Exception {
        inboxWithOneStuckFile();
        Process run = start(runCommand("process", "--filemill.title.file-timeout=90s",
                "--filemill.worker.task-timeout=120s"));
        awaitDelivered(NORMAL_FILES, run);
        assertThat(SystemCommands.workersOf(root.resolve("state"))).hasSize(3); // 2 retitle, 1 deliver

        run.destroyForcibly(); // SIGKILL: the busy worker cannot see end of input while its stage works
        assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!SystemCommands.workersOf(root.resolve("state")).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(SystemCommands.workersOf(root.resolve("state"))).as("workers alive 2 s after their parent died")
                .isEmpty();

        int exit = new FilemillCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                .run(runCommand("process", "--filemill.title.file-timeout=1s").toArray(String[]::new));
        assertThat(exit).isEqualTo(1);
        assertThat(visible(root.resolve("processed"))).isEqualTo(NORMAL_FILES);
        assertThat(root.resolve("failed").resolve(STUCK)).exists();
    }
}
