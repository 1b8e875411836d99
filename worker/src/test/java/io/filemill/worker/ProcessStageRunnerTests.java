package io.filemill.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.pipeline.stage.ProcessStageRunner;
import io.filemill.pipeline.stage.StageRunner;
import io.filemill.pipeline.stage.StageRunnerContract;
import io.filemill.pipeline.stage.Supervision;
import io.filemill.pipeline.stage.WorkerCommand;
import io.filemill.pipeline.stage.WorkerPoolException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The process runner with real worker JVMs: the shared contract, then every way a worker can fail. */
class ProcessStageRunnerTests extends StageRunnerContract {

    /** Starts workers on this test's class path, so they find the echo stage. */
    static final WorkerCommand TEST_WORKERS = (stage, name) -> List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr", "-XX:+ExitOnOutOfMemoryError",
            "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName());

    final Queue<String> logLines = new ConcurrentLinkedQueue<>();

    @TempDir
    Path temp;

    private ProcessStageRunner<String, String, String> runner(int workers, Supervision supervision) {
        return runner(workers, 4, supervision);
    }

    private ProcessStageRunner<String, String, String> runner(int workers, int window, Supervision supervision) {
        return new ProcessStageRunner<>(EchoStages.ECHO, "", workers, window, TEST_WORKERS, supervision,
                (worker, line) -> logLines.add(worker + ": " + line));
    }

    private static Supervision supervision(Duration taskTimeout, int maxRestarts) {
        return new Supervision(Duration.ofSeconds(30), taskTimeout, 3, maxRestarts, Duration.ofSeconds(60));
    }

    @Override
    protected StageRunner<String, String> echoRunner(int workers) {
        return runner(workers, supervision(Duration.ofSeconds(60), 5));
    }

    private static String get(CompletableFuture<String> reply) throws Exception {
        return reply.get(60, TimeUnit.SECONDS);
    }

    @Test
    void crashedWorkerIsReplacedAndItsRequestsRetried() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(2, supervision(Duration.ofSeconds(60), 5))) {
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replies.add(runner.submit(i == 10 ? "die-once:" + temp.resolve("marker") : "r" + i));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(get(replies.get(i))).isEqualTo(i == 10 ? ("DIE-ONCE:" + temp.resolve("marker")).toUpperCase()
                        : "R" + i);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (runner.startupTimes().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the replacement starts in the background
            }
            assertThat(runner.startupTimes()).as("two workers and one replacement").hasSize(3);
            assertThat(logLines).anyMatch(line -> line.contains("exited with code 137"));
        }
    }

    @Test
    void requestThatKillsThreeWorkersGetsTheCrashReply() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofSeconds(60), 5))) {
            CompletableFuture<String> poison = runner.submit("die");
            assertThat(get(poison)).isEqualTo("CRASH:" + ProcessStageRunner.CRASH_REASON);
            assertThat(get(runner.submit("after"))).isEqualTo("AFTER");
        }
    }

    @Test
    void requestsQueuedBehindAPoisonRequestAreRetriedWithoutBlame() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofSeconds(60), 5))) {
            CompletableFuture<String> poison = runner.submit("die");
            List<CompletableFuture<String>> innocent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                innocent.add(runner.submit("fine" + i)); // queued in the same worker behind the poison
            }
            assertThat(get(poison)).isEqualTo("CRASH:" + ProcessStageRunner.CRASH_REASON);
            for (int i = 0; i < 3; i++) {
                assertThat(get(innocent.get(i))).isEqualTo("FINE" + i);
            }
        }
    }

    @Test
    void requestsQueuedBehindASlowOneDoNotAgeTowardTheTaskTimeout() throws Exception {
        // four requests of 600 ms on one worker: the last waits 1.8 s, but the worker spends 0.6 s on each
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofMillis(1000), 5))) {
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replies.add(runner.submit("sleep:600"));
            }
            for (CompletableFuture<String> reply : replies) {
                assertThat(get(reply)).isEqualTo("SLEEP:600");
            }
            assertThat(logLines).noneMatch(line -> line.contains("task timeout"));
        }
    }

    /** With a window of 16, requests beyond the few flushed at once wait in the buffer: they are handed over too. */
    @ParameterizedTest
    @ValueSource(ints = {4, 16})
    void requestsQueuedBehindASlowOneAreHandedToAnotherWorkerInsteadOfWaiting(int window) throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(2, window, supervision(Duration.ofSeconds(60), 5))) {
            assertThat(get(runner.submit("warm"))).isEqualTo("WARM");
            CompletableFuture<String> slow = runner.submit("sleep:8000");
            List<CompletableFuture<String>> quick = new ArrayList<>();
            for (int i = 0; i < 10 * window; i++) {
                quick.add(runner.submit("quick" + i));
            }
            for (int i = 0; i < 10 * window; i++) {
                assertThat(get(quick.get(i))).isEqualTo("QUICK" + i);
            }
            assertThat(slow).as("every quick request was answered while the slow one still ran").isNotDone();
            assertThat(get(slow)).isEqualTo("SLEEP:8000");
        }
    }

    @Test
    void requestsHeldBackBehindABusyWorkersFlushedOnesAreAllAnsweredInOrder() throws Exception {
        // a window of 16: beyond the few flushed at once, requests wait in the buffer for replies
        try (ProcessStageRunner<String, String, String> runner = runner(1, 16, supervision(Duration.ofSeconds(60), 5))) {
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                replies.add(runner.submit(i % 10 == 0 ? "sleep:20" : "r" + i));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(get(replies.get(i))).isEqualTo(i % 10 == 0 ? "SLEEP:20" : "R" + i);
            }
            assertThat(runner.traffic().framesSent()).as("HELLO and one REQUEST each").isEqualTo(201);
        }
    }

    @Test
    void aTimedOutWorkersOtherRequestsAreAnsweredWithoutBlameAndOnlyTheCulpritFails() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(2, supervision(Duration.ofMillis(800), 10))) {
            List<CompletableFuture<String>> replies = new ArrayList<>();
            CompletableFuture<String> culprit = runner.submit("hang");
            for (int i = 0; i < 7; i++) {
                replies.add(runner.submit("sleep:100"));
            }
            for (int i = 0; i < 7; i++) {
                assertThat(get(replies.get(i))).isEqualTo("SLEEP:100");
            }
            assertThat(get(culprit)).startsWith("CRASH:" + ProcessStageRunner.TIMEOUT_REASON);
        }
    }

    @Test
    void onceDrainingADeadWorkerIsNotReplacedAndItsRequestsGoToTheOthers() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(2, supervision(Duration.ofSeconds(60), 5))) {
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(runner.submit("sleep:200"));
            }
            runner.drain();
            long killed = runner.workerPids().get(0);
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            for (CompletableFuture<String> reply : replies) {
                assertThat(get(reply)).isEqualTo("SLEEP:200");
            }
            assertThat(runner.workerPids()).hasSize(1).doesNotContain(killed);
            assertThat(logLines).anyMatch(line -> line.contains("not replacing it: the run is stopping"));
        }
    }

    @Test
    void onceDrainingWithNoWorkerLeftRequestsAreGivenUpNotHeld() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofSeconds(60), 5))) {
            CompletableFuture<String> reply = runner.submit("hang");
            runner.drain();
            ProcessHandle.of(runner.workerPids().get(0)).orElseThrow().destroyForcibly();
            assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(java.util.concurrent.CancellationException.class, ExecutionException.class);
            assertThat(runner.workerPids()).isEmpty();
        }
    }

    @Test
    void cancelKillsTheWorkersAtOnce() throws Exception {
        ProcessStageRunner<String, String, String> runner = runner(2, supervision(Duration.ofSeconds(60), 5));
        List<Long> pids = runner.workerPids();
        runner.submit("hang");
        runner.cancel();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("worker %d", pid).isFalse();
        }
        runner.close();
    }

    @Test
    void workerOutOfMemoryIsACrashNotAHang() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofSeconds(60), 5))) {
            assertThat(get(runner.submit("oom"))).isEqualTo("CRASH:" + ProcessStageRunner.CRASH_REASON);
            assertThat(logLines).anyMatch(line -> line.contains("exited with code 3"));
        }
    }

    @Test
    void hungWorkerIsKilledAtTheTaskTimeout() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofMillis(800), 5))) {
            assertThat(get(runner.submit("hang"))).startsWith("CRASH:" + ProcessStageRunner.TIMEOUT_REASON);
            assertThat(logLines).anyMatch(line -> line.contains("ran past the task timeout"));
            assertThat(get(runner.submit("fine"))).isEqualTo("FINE");
        }
    }

    @Test
    void workerKilledFromOutsideWithSigkillCostsNoRequest() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(2, supervision(Duration.ofSeconds(60), 5))) {
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                if (i == 100) {
                    ProcessHandle.of(runner.workerPids().get(0)).orElseThrow().destroyForcibly();
                }
                replies.add(runner.submit("r" + i));
            }
            for (int i = 0; i < 400; i++) {
                assertThat(get(replies.get(i))).isEqualTo("R" + i);
            }
        }
    }

    @Test
    void workerStoppedWithSigstopIsKilledAtTheTaskTimeoutAndItsRequestRetried() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofMillis(800), 5))) {
            assertThat(get(runner.submit("warm"))).isEqualTo("WARM");
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(runner.workerPids().get(0))).start();
            assertThat(stop.waitFor()).isZero();
            assertThat(get(runner.submit("after-stop"))).isEqualTo("AFTER-STOP");
            assertThat(logLines).anyMatch(line -> line.contains("ran past the task timeout"));
        }
    }

    @Test
    void workerWritingGarbageToItsFrameStreamIsReplaced() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofSeconds(60), 5))) {
            assertThat(get(runner.submit("garbage"))).isEqualTo("CRASH:" + ProcessStageRunner.CRASH_REASON);
            assertThat(logLines).anyMatch(line -> line.contains("malformed frame"));
            assertThat(get(runner.submit("ok"))).isEqualTo("OK");
        }
    }

    @Test
    void strayPrintsGoToTheLogNotTheFrames() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofSeconds(60), 5))) {
            assertThat(get(runner.submit("print"))).isEqualTo("PRINT");
        }
        assertThat(logLines).contains("worker-echo-1: a stray print");
    }

    @Test
    void tooManyRestartsBreakTheRunnerClearly() throws Exception {
        try (ProcessStageRunner<String, String, String> runner = runner(1, supervision(Duration.ofSeconds(60), 1))) {
            CompletableFuture<String> poison = runner.submit("die");
            assertThatThrownBy(() -> get(poison)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WorkerPoolException.class).hasMessageContaining("restarted 2 times");
            assertThat(runner.submit("later")).isCompletedExceptionally();
        }
    }

    @Test
    void noWorkerOutlivesTheRunner() throws Exception {
        List<Long> pids;
        try (ProcessStageRunner<String, String, String> runner = runner(2, supervision(Duration.ofSeconds(60), 5))) {
            pids = runner.workerPids();
            assertThat(pids).hasSize(2);
            assertThat(get(runner.submit("x"))).isEqualTo("X");
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
        }
    }

    @Test
    void unstartableWorkerFailsTheRunnerWithTheCause() {
        WorkerCommand broken = (stage, name) -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "/nonexistent", WorkerMain.class.getName());
        assertThatThrownBy(() -> new ProcessStageRunner<>(EchoStages.ECHO, "", 1, 1, broken,
                supervision(Duration.ofSeconds(60), 5), (w, l) -> { }))
                .isInstanceOf(WorkerPoolException.class)
                .hasMessageMatching("(?s).*worker-echo-\\d+ did not become ready.*")
                .hasMessageContaining("ClassNotFoundException: io.filemill.worker.WorkerMain");
    }
}
