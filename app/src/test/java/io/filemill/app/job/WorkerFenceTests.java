package io.filemill.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run recovers nothing while a worker JVM of another run still holds the worker lock. */
class WorkerFenceTests {

    @TempDir
    Path home;

    private Process worker;

    /** A real worker JVM: it takes the shared lock before it reads anything, then waits for its HELLO. */
    private Process startWorker(Path lock) throws IOException, InterruptedException {
        Files.createFile(lock);
        worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfilemill.worker.lock=" + lock, "-cp", System.getProperty("java.class.path"),
                WorkerMain.class.getName()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!heldByAnother(lock)) {
            assertThat(System.nanoTime()).as("the worker never took its lock").isLessThan(deadline);
            Thread.sleep(20);
        }
        return worker;
    }

    private static boolean heldByAnother(Path lock) throws IOException {
        try {
            WorkerFence.awaitNoWorkers(lock, Duration.ZERO);
            return false;
        } catch (LockHeldException held) {
            return true;
        }
    }

    @AfterEach
    void killWorker() {
        if (worker != null) {
            worker.destroyForcibly();
        }
    }

    @Test
    void waitsUntilTheLastWorkerOfAnotherRunIsGone() throws Exception {
        Path lock = home.resolve("workers.lock");
        Process holder = startWorker(lock);
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            holder.destroyForcibly();
        });
        long started = System.nanoTime();
        killer.start();
        WorkerFence.awaitNoWorkers(lock, Duration.ofSeconds(20));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        // the kernel frees the lock as the process dies; the JDK notices the exit a moment later
        assertThat(holder.waitFor(5, TimeUnit.SECONDS)).as("the holder is gone").isTrue();
    }

    @Test
    void refusesWithOneLineWhenWorkersStayPastItsPatience() throws Exception {
        Path lock = home.resolve("workers.lock");
        startWorker(lock);
        assertThatThrownBy(() -> WorkerFence.awaitNoWorkers(lock, Duration.ofMillis(300)))
                .isInstanceOf(LockHeldException.class)
                .hasMessageContaining("worker JVMs of another run still hold " + lock);
    }

    @Test
    void createsTheLockFileAndReturnsAtOnceWhenNoWorkerHoldsIt() throws Exception {
        Path lock = home.resolve("workers.lock");
        WorkerFence.awaitNoWorkers(lock, Duration.ZERO);
        assertThat(lock).exists();
    }
}
