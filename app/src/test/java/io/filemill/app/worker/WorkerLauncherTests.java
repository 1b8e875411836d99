package io.filemill.app.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.filemill.app.config.FilemillProperties;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return settings(List.of("-Xmx96m"), classDataSharing);
    }

    private static FilemillProperties.Worker settings(List<String> jvmOptions, boolean classDataSharing) {
        return new FilemillProperties.Worker(jvmOptions, 4, Duration.ofMinutes(1), Duration.ofSeconds(30), 5,
                Duration.ofSeconds(10), classDataSharing);
    }

    @Test
    void commandKeepsEverythingButFramesOffStdoutAndEndsWithTheWorkerMainClass() throws Exception {
        List<String> command = WorkerLauncher.create(settings(false), home, home.resolve("workers.lock")).forWorker("retitle", "worker-retitle-1");
        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command).contains("-Xmx96m", "-XX:+DisplayVMOutputToStderr", "-Xlog:disable",
                "-XX:+ExitOnOutOfMemoryError", "-Dfilemill.worker=worker-retitle-1", "-Dfilemill.home=" + home);
        assertThat(command.get(command.size() - 1)).isEqualTo("io.filemill.worker.WorkerMain");
        assertThat(command.get(command.size() - 3)).isEqualTo("-cp");
        assertThat(command).noneMatch(option -> option.contains("SharedArchive") || option.contains("ArchiveClasses"));
    }

    @Test
    void configuredOptionsComeAfterTheFixedOnesSoThatTheirLoggingTakesEffect() throws Exception {
        List<String> command = WorkerLauncher.create(settings(List.of("-Xlog:gc:file=gc.log"), false), home, home.resolve("workers.lock")).forWorker("retitle", "worker-retitle-1");
        assertThat(command.indexOf("-Xlog:gc:file=gc.log")).isGreaterThan(command.indexOf("-Xlog:disable"))
                .isGreaterThan(command.indexOf("-Xlog:all=warning:stderr"));
    }

    @Test
    void eachStageHasAnArchiveOfItsOwnInTheStateDirectory() throws Exception {
        WorkerLauncher launcher = WorkerLauncher.create(settings(true), home, home.resolve("workers.lock"));
        String retitle = archiveOptions(launcher.forWorker("retitle", "worker-retitle-1"));
        String deliver = archiveOptions(launcher.forWorker("deliver", "worker-deliver-1"));
        assertThat(retitle).contains(home.resolve("worker").toString()).contains("cds-").contains("-retitle.jsa");
        assertThat(deliver).contains(home.resolve("worker").toString()).contains("cds-").contains("-deliver.jsa");
    }

    @Test
    void aJarChangedInPlaceGetsNewArchivesAndAnUnchangedOneKeepsThem() throws Exception {
        Path worker = Files.writeString(home.resolve("filemill-worker.jar"), "first build");
        Path pipeline = Files.writeString(home.resolve("filemill-pipeline.jar"), "first build");
        String classPath = worker + File.pathSeparator + pipeline;
        List<String> options = List.of("-Xmx96m");
        String before = WorkerLauncher.archiveName(classPath, options);

        assertThat(WorkerLauncher.archiveName(classPath, options)).isEqualTo(before);
        Files.setLastModifiedTime(pipeline, FileTime.fromMillis(Files.getLastModifiedTime(pipeline).toMillis() + 1000));
        String rebuilt = WorkerLauncher.archiveName(classPath, options);
        assertThat(rebuilt).isNotEqualTo(before);
        Files.writeString(worker, "a longer second build");
        assertThat(WorkerLauncher.archiveName(classPath, options)).isNotEqualTo(rebuilt).isNotEqualTo(before);
        assertThat(WorkerLauncher.archiveName(classPath, List.of("-Xmx128m"))).isNotEqualTo(WorkerLauncher.archiveName(classPath, options));
    }

    private static String archiveOptions(List<String> command) {
        return String.join(" ", command.stream().filter(o -> o.contains("Archive")).toList());
    }

    @Test
    void workersStartingAtOnceOnJdk17ChooseExactlyOneToWriteEachStagesArchive() throws Exception {
        assumeTrue(Runtime.version().feature() < 19, "later JDKs create the archive themselves");
        List<String> stages = List.of("retitle", "deliver");
        int workersPerStage = 3;
        int workers = stages.size() * workersPerStage;
        CyclicBarrier together = new CyclicBarrier(workers);
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            for (int round = 0; round < 300; round++) {
                WorkerLauncher launcher = WorkerLauncher.create(settings(true), home, home.resolve("workers.lock"));
                Map<String, List<Future<List<String>>>> commands = new HashMap<>();
                for (String stage : stages) {
                    for (int i = 1; i <= workersPerStage; i++) {
                        String name = "worker-" + stage + "-" + i;
                        commands.computeIfAbsent(stage, s -> new ArrayList<>()).add(threads.submit(() -> {
                            together.await();
                            return launcher.forWorker(stage, name);
                        }));
                    }
                }
                for (String stage : stages) {
                    List<String> trainers = new ArrayList<>();
                    for (Future<List<String>> command : commands.get(stage)) {
                        command.get().stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit=")).forEach(trainers::add);
                    }
                    assertThat(trainers).as("round %d, %s", round, stage).singleElement().asString().contains("-" + stage + ".jsa.");
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
