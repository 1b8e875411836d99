package io.filemill.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.SampleData;
import io.filemill.app.SystemCommands;
import io.filemill.app.cli.FilemillMain;
import io.filemill.app.corpus.CorpusGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill tests in the spirit of RocksDB's: a real filemill process is killed with SIGKILL at a random
 * moment of a run (after a random number of files has been delivered, plus a random delay), one to
 * three times in a row, then run to the end. After each kill no file under a final name in
 * processed/ may differ from the reference run's; after the last run the result must equal the
 * reference run's byte for byte, with nothing left in the inbox, no temporary file, no journal and
 * no worker process. Every round prints its seed; {@code -Dfilemill.kill.seed=S} replays one round and
 * {@code -Dfilemill.kill.rounds=N} runs more ({@code scripts/kill-test.sh}).
 */
class KillTests {

    static final int FILES = 1500;

    @TempDir
    Path root;
    Path corpus;
    Path reference;

    @BeforeEach
    void corpusAndReference() throws Exception {
        corpus = root.resolve("corpus");
        new CorpusGenerator(11).generate(corpus, FILES);
        Path dir = fresh("reference");
        Process run = filemill(dir, "thread").start();
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(dir.resolve("run.log"))).isZero();
        reference = dir.resolve("processed");
        assertThat(SampleData.relativeFiles(reference)).hasSize(FILES);
    }

    private Path fresh(String name) throws IOException {
        Path dir = root.resolve(name);
        FileUtils.copyDirectory(corpus.toFile(), dir.resolve("inbox").toFile());
        return dir;
    }

    private static ProcessBuilder filemill(Path dir, String mode) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName(), "run", "--mode", mode,
                "--inbox", dir.resolve("inbox").toString(), "--processed", dir.resolve("processed").toString(),
                "--failed", dir.resolve("failed").toString(), "--home", dir.resolve("state").toString(),
                "--filemill.delivery.batch-size=16", "--min-age", "0s");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("run.log").toFile()));
    }

    @Test
    void killedRunsConvergeToTheReferenceInBothModes() throws Exception {
        long seed = Long.getLong("filemill.kill.seed", System.nanoTime());
        int rounds = Integer.getInteger("filemill.kill.rounds", 2);
        for (int round = 0; round < rounds; round++) {
            long roundSeed = seed + round;
            String mode = round % 2 == 0 ? "thread" : "process";
            System.out.printf("kill round %d: seed %d, %s mode%n", round, roundSeed, mode);
            killAndRerun(roundSeed, mode, "round-" + round);
        }
    }

    private void killAndRerun(long seed, String mode, String name) throws Exception {
        Random random = new Random(seed);
        Path dir = fresh(name);
        String context = "seed " + seed + ", " + mode + " mode, log " + dir.resolve("run.log");
        int kills = 1 + random.nextInt(3);
        for (int kill = 0; kill < kills; kill++) {
            long before = delivered(dir);
            long target = Math.min(FILES - 1, before + random.nextInt(Math.max(1, (int) (FILES - before) / 2)));
            Process run = filemill(dir, mode).start();
            if (!awaitDelivered(dir, target, run)) {
                break; // it finished before the kill point; the checks below still apply
            }
            Thread.sleep(random.nextInt(40));
            run.destroyForcibly(); // SIGKILL
            System.out.printf("  killed after %d files delivered%n", delivered(dir));
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // a worker ends the request it holds (a delivery batch completes) before it sees its
            // parent gone: look once the run's processes are all gone
            assertNoWorkerOf(dir, context);
            assertNoPartialFileUnderAFinalName(dir, context);
        }

        Process rerun = filemill(dir, mode).start();
        assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).as(context).isTrue();
        assertThat(rerun.exitValue()).as(context).isZero();

        SampleData.assertSameTree(dir.resolve("processed"), reference);
        assertThat(SampleData.relativeFiles(dir.resolve("inbox"))).as(context).isEmpty();
        assertThat(hidden(dir.resolve("processed"))).as("temporary files, " + context).isEmpty();
        assertThat(dir.resolve("failed")).as(context).isEmptyDirectory();
        assertThat(dir.resolve("state/journal")).as(context).isEmptyDirectory();
        assertNoWorkerOf(dir, context);
    }

    /** Waits until {@code count} files are in processed/; false when the run ended before. */
    private static boolean awaitDelivered(Path dir, long count, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (delivered(dir) < count) {
            if (!run.isAlive()) {
                return false;
            }
            assertThat(System.nanoTime()).as("no progress: " + Files.readString(dir.resolve("run.log")))
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
        return true;
    }

    private static long delivered(Path dir) throws IOException {
        Path processed = dir.resolve("processed");
        if (!Files.isDirectory(processed)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(processed)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    /** Every file under its final name is complete: the reference's bytes, never a partial write. */
    private void assertNoPartialFileUnderAFinalName(Path dir, String context) throws IOException {
        List<String> published = published(dir);
        for (String name : published) {
            assertThat(dir.resolve("processed").resolve(name)).as(name + ", " + context)
                    .hasSameBinaryContentAs(reference.resolve(name));
        }
        List<String> everywhere = new ArrayList<>(SampleData.relativeFiles(dir.resolve("inbox")));
        everywhere.addAll(published);
        // a file published just before the kill is in both places until recovery; none is in neither
        assertThat(everywhere.stream().distinct().count()).as("every file somewhere, " + context).isEqualTo(FILES);
    }

    /**
     * The files under a final name in processed/; none when a run was killed before it made the
     * directory (a kill point of zero files lands before the first delivery).
     */
    private static List<String> published(Path dir) throws IOException {
        Path processed = dir.resolve("processed");
        if (!Files.isDirectory(processed)) {
            return List.of();
        }
        return SampleData.relativeFiles(processed).stream().filter(n -> !n.startsWith(".")).toList();
    }

    private static List<String> hidden(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    private static void assertNoWorkerOf(Path dir, String context) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ProcessHandle> workers;
        do {
            workers = SystemCommands.workersOf(dir.resolve("state"));
            if (!workers.isEmpty()) {
                Thread.sleep(50);
            }
        } while (!workers.isEmpty() && System.nanoTime() < deadline);
        assertThat(workers).as("workers left behind, " + context).isEmpty();
    }
}
