package io.filemill.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.pipeline.deliver.CollisionPolicy;
import io.filemill.pipeline.deliver.Deliverer;
import io.filemill.pipeline.deliver.DeliverySettings;
import io.filemill.pipeline.deliver.Durability;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanSettings;
import io.filemill.pipeline.stage.ThreadStageRunner;
import io.filemill.pipeline.task.EngineBugException;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTests {

    @TempDir
    Path root;
    Path inbox;
    Path processed;
    Path failed;
    Path journal;
    final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void dirs() throws IOException {
        inbox = Files.createDirectory(root.resolve("inbox"));
        processed = Files.createDirectory(root.resolve("processed"));
        failed = Files.createDirectory(root.resolve("failed"));
        journal = Files.createDirectory(root.resolve("journal"));
    }

    private Pipeline pipeline(int workers, int maxBatch) {
        return pipeline(workers, maxBatch, DeliveryGate.OPEN);
    }

    private Pipeline pipeline(int workers, int maxBatch, DeliveryGate gate) {
        Retitler retitler = new Retitler(new RetitleSettings(inbox, processed, "run1", RuleChain.defaults(),
                LocalDate.of(2026, 11, 23), RetitleSettings.DEFAULT_HEAD_LIMIT));
        Deliverer deliverer = new Deliverer(new DeliverySettings(inbox, processed, failed, journal, CollisionPolicy.SUFFIX,
                Durability.DURABLE, null));
        PipelineStages stages = new PipelineStages(
                new ThreadStageRunner<>("retitle", retitler::retitle, workers, workers * 4),
                new ThreadStageRunner<>("deliver", deliverer, workers, 1));
        return new Pipeline(new InboxScanner(inbox, ScanSettings.defaults()), stages, maxBatch, gate);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void everyFileEndsInExactlyOnePlace() throws Exception {
        for (int i = 0; i < 400; i++) {
            Files.writeString(inbox.resolve("doc" + i + ".md"), "# document number " + i + "\n\nbody " + i + "\n");
        }
        Files.write(inbox.resolve("blob.txt"), new byte[] {1, 2, 0, 3});
        Files.writeString(inbox.resolve("plain.txt"), "No Change Needed\n");

        long taken = pipeline(2, 32).run(outcomes::add);

        assertThat(taken).isEqualTo(402);
        assertThat(outcomes).hasSize(402);
        assertThat(count(inbox)).isZero();
        assertThat(count(processed)).isEqualTo(401);
        assertThat(processed.resolve("doc7.md")).hasContent("# Document Number 7\n\nbody 7\n");
        assertThat(processed.resolve("plain.txt")).hasContent("No Change Needed\n");
        assertThat(failed.resolve("blob.txt")).exists();
        assertThat(failed.resolve("blob.txt.reason")).content().contains("binary content");
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Failed).hasSize(1);
        assertThat(journal).isEmptyDirectory();
    }

    @Test
    void aGateThatClosesMidRunStopsTheRunWithEveryUndeliveredFileStillInTheInboxAndNothingStaged() throws Exception {
        for (int i = 0; i < 300; i++) {
            Files.writeString(inbox.resolve("doc" + i + ".md"), "# document number " + i + "\n");
        }
        AtomicInteger batches = new AtomicInteger();
        DeliveryGate gate = () -> batches.incrementAndGet() > 3 ? "lost the partition's fence" : null;

        assertThatThrownBy(() -> pipeline(2, 8, gate).run(outcomes::add))
                .isInstanceOf(PipelineException.class).hasMessageContaining("lost the partition's fence");

        long delivered = count(processed);
        assertThat(delivered).isBetween(1L, 24L);
        assertThat(count(inbox)).isEqualTo(300 - delivered);
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Failed f && f.isLeftInInbox())
                .allMatch(o -> ((Outcome.Failed) o).reason().contains("lost the partition's fence")).isNotEmpty();
        assertThat(count(failed)).isZero();
        assertThat(journal).isEmptyDirectory();
    }

    @Test
    void filesDeletedOrRenamedWhileTheRunTakesThemAreNeitherLostNorInventedNorFailed() throws Exception {
        for (int i = 0; i < 60; i++) {
            Files.writeString(inbox.resolve("f" + i + ".md"), "# file " + i + "\n");
        }
        AtomicInteger deleted = new AtomicInteger();
        long taken = pipeline(2, 8).run(new RunListener() {
            @Override
            public void taken(FileTask task) {
                try {
                    // someone else acts on the inbox between the scan and the retitle stage
                    if (task.id() % 5 == 0) {
                        Files.delete(task.source());
                        deleted.incrementAndGet();
                    } else if (task.id() % 5 == 1) {
                        Files.move(task.source(), task.source().resolveSibling("renamed-" + task.fileName()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void outcome(Outcome outcome) {
                outcomes.add(outcome);
            }
        });

        assertThat(outcomes).hasSize((int) taken);
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Failed)
                .allSatisfy(o -> assertThat(((Outcome.Failed) o).reason()).contains("vanished"));
        assertThat(failed).as("a file that vanished is nobody's failure").isEmptyDirectory();
        List<String> everywhere = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(inbox), Files.list(processed))) {
            files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(everywhere::add);
        }
        assertThat(everywhere).doesNotHaveDuplicates();
        assertThat(everywhere).as("all but the deleted ones, renamed or not").hasSize(60 - deleted.get());
        assertThat(everywhere).allSatisfy(name -> assertThat(name).matches("(renamed-)?f\\d+\\.md"));
        assertThat(journal).isEmptyDirectory();
    }

    @Test
    void stoppedRunLeavesUntakenFilesInTheInbox() throws Exception {
        for (int i = 0; i < 200; i++) {
            Files.writeString(inbox.resolve("f" + i + ".txt"), "title " + i + "\n");
        }
        Pipeline pipeline = pipeline(1, 8);
        long taken = pipeline.run(new RunListener() {
            @Override
            public void taken(FileTask task) {
                if (outcomes.size() >= 20) {
                    pipeline.stop();
                }
            }

            @Override
            public void outcome(Outcome outcome) {
                outcomes.add(outcome);
            }
        });
        assertThat(pipeline.isStopRequested()).isTrue();
        assertThat(taken).isLessThan(200);
        assertThat(count(processed)).isEqualTo(taken);
        assertThat(count(inbox)).isEqualTo(200 - taken);
    }

    @Test
    void deliverStageFailureStopsTheRunAndLeavesFilesInTheInbox() throws Exception {
        for (int i = 0; i < 50; i++) {
            Files.writeString(inbox.resolve("f" + i + ".txt"), "title " + i + "\n");
        }
        Files.delete(journal); // every batch now fails before publishing anything
        assertThatThrownBy(() -> pipeline(2, 8).run(outcomes::add)).isInstanceOf(PipelineException.class);
        assertThat(count(inbox)).isEqualTo(50);
        try (Stream<Path> left = Files.list(processed)) {
            assertThat(left.filter(p -> !p.getFileName().toString().startsWith(".filemill-")).toList()).isEmpty();
        }
        assertThat(outcomes).allMatch(o -> o instanceof Outcome.Failed f && f.location().startsWith(inbox));
    }

    /** A retitle stage that may fail: it is given each task and a real retitler to use when it does not. */
    private interface FailingRetitle {
        RetitleResult retitle(FileTask task, Retitler retitler) throws Exception;
    }

    /** 100 files in the inbox, a one-thread retitle stage that may fail, and a real deliver stage. */
    private PipelineStages hundredFilesAndAStageThatFails(FailingRetitle stage) throws IOException {
        for (int i = 0; i < 100; i++) {
            Files.writeString(inbox.resolve("f" + i + ".txt"), "title " + i + "\n");
        }
        Retitler retitler = new Retitler(new RetitleSettings(inbox, processed, "run2", RuleChain.defaults(),
                LocalDate.of(2026, 11, 23), RetitleSettings.DEFAULT_HEAD_LIMIT));
        Deliverer deliverer = new Deliverer(new DeliverySettings(inbox, processed, failed, journal, CollisionPolicy.SUFFIX,
                Durability.FAST, null));
        return new PipelineStages(new ThreadStageRunner<>("retitle", task -> stage.retitle(task, retitler), 1, 2),
                new ThreadStageRunner<>("deliver", deliverer, 1, 1));
    }

    @Test
    void brokenRetitleWorkerPoolStopsTheRunAndLeavesUntouchedFilesInTheInbox() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        PipelineStages stages = hundredFilesAndAStageThatFails((task, retitler) -> {
            if (calls.incrementAndGet() > 10) {
                throw new io.filemill.pipeline.stage.WorkerPoolException("workers keep dying", null);
            }
            return retitler.retitle(task);
        });

        assertThatThrownBy(() -> new Pipeline(new InboxScanner(inbox, ScanSettings.defaults()), stages, 4)
                .run(outcomes::add)).isInstanceOf(PipelineException.class).hasMessageContaining("workers keep dying");

        assertThat(count(processed)).isEqualTo(10);
        assertThat(count(inbox)).isEqualTo(90);
        assertThat(failed).isEmptyDirectory();
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Failed)
                .allMatch(o -> ((Outcome.Failed) o).location().startsWith(inbox));
    }

    @Test
    void anEngineBugStopsTheRunLoudlyAndLeavesItsFileAndTheUntakenOnesInTheInbox() throws Exception {
        PipelineStages stages = hundredFilesAndAStageThatFails((task, retitler) -> {
            if (task.fileName().equals("f42.txt")) {
                throw new EngineBugException(task, new ArrayIndexOutOfBoundsException(-1));
            }
            return retitler.retitle(task);
        });

        assertThatThrownBy(() -> new Pipeline(new InboxScanner(inbox, ScanSettings.defaults()), stages, 4)
                .run(outcomes::add)).isInstanceOf(PipelineException.class)
                .hasMessageContaining("filemill bug: while handling f42.txt: java.lang.ArrayIndexOutOfBoundsException");

        assertThat(inbox.resolve("f42.txt")).hasContent("title 42\n");
        assertThat(failed).as("an engine bug is not the file's fault").isEmptyDirectory();
        assertThat(count(processed) + count(inbox)).isEqualTo(100);
        assertThat(outcomes).filteredOn(o -> o.task().fileName().equals("f42.txt")).singleElement()
                .satisfies(o -> assertThat(((Outcome.Failed) o).location()).isEqualTo(inbox.resolve("f42.txt")));
    }

    @Test
    void emptyInboxIsAQuietRun() throws Exception {
        assertThat(pipeline(2, 8).run(outcomes::add)).isZero();
        assertThat(outcomes).isEmpty();
        assertThat(List.of(count(processed), count(failed))).containsOnly(0L);
    }
}
