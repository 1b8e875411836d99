package io.filemill.app.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.filemill.app.config.FilemillProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerLauncherTests {

    @TempDir
    Path home;

    private static FilemillProperties.Worker settings(boolean classDataSharing) {
        return new FilemillProperties.Worker(List.of("-Xmx96m"), 4, Duration.ofMinutes(1), Duration.ofSeconds(30), 5,
                Duration.ofSeconds(10), classDataSharing);
    }

    @Test
    void commandKeepsEverythingButFramesOffStdoutAndEndsWithTheWorkerMainClass() throws Exception {
        List<String> command = WorkerLauncher.create(settings(false), home, home.resolve("workers.lock")).forWorker("worker-retitle-1");
        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command).contains("-Xmx96m", "-XX:+DisplayVMOutputToStderr", "-Xlog:disable",
                "-XX:+ExitOnOutOfMemoryError", "-Dfilemill.worker=worker-retitle-1", "-Dfilemill.home=" + home);
        assertThat(command.get(command.size() - 1)).isEqualTo("io.filemill.worker.WorkerMain");
        assertThat(command.get(command.size() - 3)).isEqualTo("-cp");
        assertThat(command).noneMatch(option -> option.contains("SharedArchive") || option.contains("ArchiveClasses"));
    }

    @Test
    void classDataSharingUsesOneArchiveInTheStateDirectory() throws Exception {
        WorkerLauncher launcher = WorkerLauncher.create(settings(true), home, home.resolve("workers.lock"));
        List<String> first = launcher.forWorker("worker-retitle-1");
        String archiveOption = first.stream().filter(o -> o.contains("Archive")).reduce((a, b) -> a + " " + b).orElseThrow();
        assertThat(archiveOption).contains(home.resolve("worker").toString()).contains("cds-");
    }

    @Test
    void workersStartingAtOnceOnJdk17ChooseExactlyOneToWriteTheArchive() throws Exception {
        assumeTrue(Runtime.version().feature() < 19, "later JDKs create the archive themselves");
        int workers = 4;
        CyclicBarrier together = new CyclicBarrier(workers);
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            for (int round = 0; round < 500; round++) {
                WorkerLauncher launcher = WorkerLauncher.create(settings(true), home, home.resolve("workers.lock"));
                List<Future<List<String>>> commands = new ArrayList<>();
                for (int i = 1; i <= workers; i++) {
                    String name = "worker-retitle-" + i;
                    commands.add(threads.submit(() -> {
                        together.await();
                        return launcher.forWorker(name);
                    }));
                }
                int trainers = 0;
                for (Future<List<String>> command : commands) {
                    trainers += command.get().stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit=")).count();
                }
                assertThat(trainers).as("round %d", round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
