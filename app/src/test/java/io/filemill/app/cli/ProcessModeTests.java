package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.SampleData;
import io.filemill.app.corpus.CorpusGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job in process mode: real worker JVMs, real files, compared with thread mode. */
class ProcessModeTests {

    @TempDir
    Path root;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int filemill(Path base, Path inbox, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--inbox", inbox.toString(),
                "--processed", base.resolve("processed").toString(), "--failed", base.resolve("failed").toString(),
                "--home", base.resolve("state").toString(), "--min-age", "0s"));
        args.addAll(List.of(extra));
        return new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
    }

    private static List<ProcessHandle> workers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("io.filemill.worker.WorkerMain"))
                .toList();
    }

    @AfterEach
    void noWorkerIsLeftRunning() {
        assertThat(workers()).as("worker JVMs still running after the run").isEmpty();
    }

    @Test
    void sampleDataInProcessModeMatchesTheExpectedFilesByteForByte() throws Exception {
        Path inbox = SampleData.copyInbox(root.resolve("inbox"));

        int exit = filemill(root, inbox, "--mode", "process");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.FILES_FAILED);
        SampleData.assertSameTree(root.resolve("processed"), SampleData.root().resolve("expected/processed"));
        SampleData.assertSameTree(root.resolve("failed"), SampleData.root().resolve("expected/failed"));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("process mode: retitle 2 processes, deliver 1 process", "worker start");
    }

    @Test
    void workersThatCannotStartStopTheRunWithExitTwoAndLeaveTheInboxAlone() throws Exception {
        Path inbox = SampleData.copyInbox(root.resolve("inbox"));
        List<String> before = SampleData.relativeFiles(inbox);

        int exit = filemill(root, inbox, "--mode", "process", "--filemill.worker.jvm-options=-Xmx1k",
                "--filemill.worker.max-restarts=1");

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stderr).isEqualTo(ExitCodes.FATAL);
        assertThat(stderr.strip().lines().filter(line -> line.startsWith("filemill: ")))
                .singleElement().asString().contains("cannot start retitle workers");
        assertThat(SampleData.relativeFiles(inbox)).isEqualTo(before);
        assertThat(root.resolve("processed")).isEmptyDirectory();
    }

    @Test
    void aWorkerLogOptionWithAFileOutputTakesEffectAndTheRunStillDeliversEverything() throws Exception {
        Path inbox = root.resolve("inbox");
        new CorpusGenerator(5).generate(inbox, 20);

        int exit = filemill(root, inbox, "--mode", "process", "--filemill.worker.class-data-sharing=false",
                "--filemill.worker.jvm-options=-Xmx256m,-XX:+UseSerialGC,-Xlog:gc:file=" + root.resolve("gc-%p.log"));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        try (var logs = Files.list(root)) {
            List<Path> gcLogs = logs.filter(path -> path.getFileName().toString().startsWith("gc-")).toList();
            assertThat(gcLogs).as("one GC log per worker JVM").hasSize(3)
                    .allSatisfy(log -> assertThat(Files.readString(log)).contains("Using Serial"));
        }
        try (var delivered = Files.list(root.resolve("processed")); var left = Files.list(inbox)) {
            assertThat(delivered.filter(path -> !path.getFileName().toString().startsWith("."))).hasSize(20);
            assertThat(left.filter(path -> !path.getFileName().toString().startsWith("."))).as("files left in the inbox")
                    .isEmpty();
        }
    }

    @Test
    void processModeAndThreadModeDeliverTheSameBytes() throws Exception {
        new CorpusGenerator(7).generate(root.resolve("thread/inbox"), 300);
        new CorpusGenerator(7).generate(root.resolve("process/inbox"), 300);

        assertThat(filemill(root.resolve("thread"), root.resolve("thread/inbox"), "--mode", "thread")).isZero();
        assertThat(filemill(root.resolve("process"), root.resolve("process/inbox"), "--mode", "process",
                "--filemill.stages.deliver.mode=thread", "--filemill.stages.retitle.workers=3")).isZero();

        SampleData.assertSameTree(root.resolve("process/processed"), root.resolve("thread/processed"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("mixed mode: retitle 3 processes, deliver 2 threads");
    }

    @Test
    void everyFileEndsInExactlyOnePlaceWhileWorkersAreKilled() throws Exception {
        Path inbox = root.resolve("inbox");
        int files = 1500;
        new CorpusGenerator(11).generate(inbox, files);
        new CorpusGenerator(11).generate(root.resolve("reference/inbox"), files);
        assertThat(filemill(root.resolve("reference"), root.resolve("reference/inbox"))).isZero();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger kills = new AtomicInteger();
        long seed = System.nanoTime();
        Thread killer = new Thread(() -> {
            Random random = new Random(seed);
            while (running.get()) {
                try {
                    Thread.sleep(150 + random.nextInt(250));
                } catch (InterruptedException e) {
                    return;
                }
                List<ProcessHandle> live = workers();
                if (!live.isEmpty() && kills.get() < 4) {
                    live.get(random.nextInt(live.size())).destroyForcibly();
                    kills.incrementAndGet();
                }
            }
        });
        killer.start();
        int exit;
        try {
            exit = filemill(root, inbox, "--mode", "process", "--filemill.worker.window=4",
                    "--filemill.delivery.batch-size=16", "--filemill.worker.max-restarts=10");
        } finally {
            running.set(false);
            killer.join();
        }

        String context = "seed " + seed + ", " + kills.get() + " kills\n" + err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(context).isIn(ExitCodes.OK, ExitCodes.FILES_FAILED);
        assertThat(kills.get()).as(context).isPositive();
        // each file is in exactly one place: delivered with the right content, failed, or still in the inbox
        List<String> delivered = SampleData.relativeFiles(root.resolve("processed"));
        List<String> failed = SampleData.relativeFiles(root.resolve("failed")).stream()
                .filter(name -> !name.endsWith(".reason")).toList();
        List<String> left = SampleData.relativeFiles(inbox);
        List<String> everywhere = new ArrayList<>(delivered);
        everywhere.addAll(failed);
        everywhere.addAll(left);
        assertThat(everywhere).as(context).hasSize(files).doesNotHaveDuplicates();
        for (String name : delivered) {
            assertThat(root.resolve("processed").resolve(name)).as(name)
                    .hasSameBinaryContentAs(root.resolve("reference/processed").resolve(name));
        }
        for (String name : failed) {
            assertThat(root.resolve("failed").resolve(name + ".reason")).content().as(context)
                    .contains("worker crashed while processing");
        }
        // a plain rerun converges to the result of a run without faults
        filemill(root, inbox, "--mode", "process");
        assertThat(SampleData.relativeFiles(inbox)).isEmpty();
        List<String> all = new ArrayList<>(SampleData.relativeFiles(root.resolve("processed")));
        all.addAll(failed);
        assertThat(all).hasSize(files);
    }
}
