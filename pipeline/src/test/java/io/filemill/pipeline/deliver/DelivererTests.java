package io.filemill.pipeline.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.pipeline.task.Confinement;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome.Delivered;
import io.filemill.pipeline.task.Outcome.Failed;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult.Rejected;
import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult.Unchanged;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelivererTests {

    @TempDir
    Path root;
    Path inbox;
    Path processed;
    Path failed;
    Path journal;
    private final AtomicLong ids = new AtomicLong();

    @BeforeEach
    void dirs() throws IOException {
        inbox = Files.createDirectory(root.resolve("inbox"));
        processed = Files.createDirectory(root.resolve("processed"));
        failed = Files.createDirectory(root.resolve("failed"));
        journal = Files.createDirectory(root.resolve("journal"));
    }

    private int batches;

    private DeliveryBatch batch(RetitleResult... results) {
        return new DeliveryBatch("b" + ++batches, List.of(results));
    }

    private Deliverer deliverer(CollisionPolicy policy, Durability durability) {
        return new Deliverer(new DeliverySettings(inbox, processed, failed, journal, policy, durability, null));
    }

    private FileTask inboxFile(String name, String content) throws IOException {
        Path file = inbox.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return new FileTask(ids.incrementAndGet(), file, name, content.length());
    }

    private Rewritten rewritten(FileTask task, String newContent) throws IOException {
        Path staged = Files.writeString(processed.resolve(".filemill-t-" + task.id() + ".tmp"), newContent);
        return new Rewritten(task, staged, "markdown", "old", "New", newContent.length());
    }

    @Test
    void deliversRewrittenContentAndRemovesOriginalAndStagedFile() throws IOException {
        FileTask task = inboxFile("a.md", "# old\n");
        List<Outcome> outcomes;
        try (Deliverer deliverer = deliverer(CollisionPolicy.SUFFIX, Durability.DURABLE)) {
            outcomes = deliverer.deliver(batch(rewritten(task, "# New\n")));
            assertThat(journal).as("no journal, only an emptied spare for the next batch")
                    .isDirectoryNotContaining("glob:**.journal");
        }
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(Delivered.class, d -> {
            assertThat(d.target()).isEqualTo(processed.resolve("a.md"));
            assertThat(d.changed()).isTrue();
        });
        assertThat(processed.resolve("a.md")).hasContent("# New\n");
        assertThat(task.source()).doesNotExist();
        assertThat(processed).isDirectoryNotContaining("glob:**/.filemill-*");
        assertThat(journal).isEmptyDirectory();
    }

    @Test
    void aDurableBatchForcesItsFilesWithOneSyncOfProcessedsFileSystem() throws IOException {
        FileTask first = inboxFile("a.md", "# old\n");
        FileTask second = inboxFile("b.md", "# old\n");
        List<Path> synced = new java.util.ArrayList<>();
        DeliverySettings settings = new DeliverySettings(inbox, processed, failed, journal, CollisionPolicy.SUFFIX,
                Durability.DURABLE, null, ForceMethod.FILE_SYSTEM);
        try (Deliverer deliverer = new Deliverer(settings, CompletableFuture.completedFuture(synced::add))) {
            assertThat(deliverer.deliver(batch(rewritten(first, "# New\n"), rewritten(second, "# New\n"))))
                    .allMatch(Delivered.class::isInstance);
        }
        assertThat(synced).containsExactly(processed);
        assertThat(processed.resolve("a.md")).hasContent("# New\n");
        assertThat(processed.resolve("b.md")).hasContent("# New\n");
    }

    @Test
    void aFailedFileSystemSyncFallsBackToForcingEachFileAndNamesTheOnesThatCannotBe() throws IOException {
        FileTask kept = inboxFile("a.md", "# old\n");
        FileTask lost = inboxFile("b.md", "# old\n");
        Rewritten vanishing = rewritten(lost, "# New\n");
        DeliverySettings settings = new DeliverySettings(inbox, processed, failed, journal, CollisionPolicy.SUFFIX,
                Durability.DURABLE, null, ForceMethod.FILE_SYSTEM);
        FileSystemSync failing = directory -> {
            Files.delete(vanishing.staged()); // the write-back of this one failed: forcing it on its own says so
            throw new IOException("syncfs: Input/output error");
        };
        List<Outcome> outcomes;
        try (Deliverer deliverer = new Deliverer(settings, CompletableFuture.completedFuture(failing))) {
            outcomes = deliverer.deliver(batch(rewritten(kept, "# New\n"), vanishing));
        }
        assertThat(outcomes.get(0)).isInstanceOf(Delivered.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.location()).isEqualTo(lost.source());
            assertThat(f.reason()).startsWith("left in the inbox: cannot deliver it: cannot force the rewritten file to disk");
        });
        assertThat(lost.source()).hasContent("# old\n");
        assertThat(processed.resolve("a.md")).hasContent("# New\n");
    }

    @Test
    void eachFileForcingNeverSyncsTheFileSystem() throws IOException {
        FileTask task = inboxFile("a.md", "# old\n");
        DeliverySettings settings = new DeliverySettings(inbox, processed, failed, journal, CollisionPolicy.SUFFIX,
                Durability.DURABLE, null, ForceMethod.EACH_FILE);
        try (Deliverer deliverer = new Deliverer(settings)) {
            assertThat(deliverer.deliver(batch(rewritten(task, "# New\n")))).singleElement().isInstanceOf(Delivered.class);
        }
        assertThat(processed.resolve("a.md")).hasContent("# New\n");
    }

    @Test
    void deliversUnchangedFileByLinkingTheOriginal() throws IOException {
        FileTask task = inboxFile("b.txt", "Fine Title\n");
        deliverer(CollisionPolicy.SUFFIX, Durability.FAST).deliver(batch(new Unchanged(task, "text", "Fine Title")));
        assertThat(processed.resolve("b.txt")).hasContent("Fine Title\n");
        assertThat(task.source()).doesNotExist();
    }

    @Test
    void removesTheReadyMarkerWithItsFile() throws IOException {
        FileTask task = inboxFile("m.md", "# m\n");
        Path marker = Files.writeString(inbox.resolve("m.md.done"), "");
        new Deliverer(new DeliverySettings(inbox, processed, failed, journal, CollisionPolicy.SUFFIX, Durability.FAST, ".done"))
                .deliver(batch(rewritten(task, "# M\n")));
        assertThat(task.source()).doesNotExist();
        assertThat(marker).doesNotExist();
        assertThat(processed.resolve("m.md.done")).doesNotExist();
    }

    @Test
    void movesRejectedFileToFailedWithReasonBesideIt() throws IOException {
        FileTask task = inboxFile("c.bin", "\0\0");
        List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.DURABLE)
                .deliver(batch(new Rejected(task, "binary content")));
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.location()).isEqualTo(failed.resolve("c.bin")));
        assertThat(failed.resolve("c.bin")).hasBinaryContent(new byte[] {0, 0});
        assertThat(failed.resolve("c.bin.reason")).hasContent("binary content");
        assertThat(task.source()).doesNotExist();
    }

    @Test
    void keepsRelativeDirectoriesOfRecursiveScans() throws IOException {
        FileTask task = inboxFile("2026/11/d.md", "# d\n");
        deliverer(CollisionPolicy.SUFFIX, Durability.DURABLE).deliver(batch(rewritten(task, "# D\n")));
        assertThat(processed.resolve("2026/11/d.md")).hasContent("# D\n");
    }

    @Test
    void batchesReuseOneJournalFileAndLeaveNoneBehindOnceClosed() throws IOException {
        try (Deliverer deliverer = deliverer(CollisionPolicy.SUFFIX, Durability.FAST)) {
            for (int i = 0; i < 5; i++) {
                FileTask task = inboxFile("r" + i + ".md", "# r\n");
                deliverer.deliver(batch(rewritten(task, "# R\n")));
                try (var files = Files.list(journal)) {
                    assertThat(files.map(p -> p.getFileName().toString()).toList()).as("after batch " + i)
                            .singleElement().satisfies(name -> assertThat(name).endsWith(".spare"));
                }
            }
        }
        assertThat(journal).isEmptyDirectory();
        assertThat(processed.resolve("r4.md")).hasContent("# R\n");
    }

    @Test
    void aTargetDirectoryRemovedBetweenBatchesIsMadeAgain() throws IOException {
        Deliverer deliverer = deliverer(CollisionPolicy.SUFFIX, Durability.DURABLE);
        deliverer.deliver(batch(rewritten(inboxFile("2026/a.md", "# a\n"), "# A\n")));
        Files.delete(processed.resolve("2026/a.md"));
        Files.delete(processed.resolve("2026"));

        FileTask second = inboxFile("2026/b.md", "# b\n");
        List<Outcome> outcomes = deliverer.deliver(batch(rewritten(second, "# B\n")));

        assertThat(outcomes).singleElement().isInstanceOf(Delivered.class);
        assertThat(processed.resolve("2026/b.md")).hasContent("# B\n");
        assertThat(second.source()).doesNotExist();
    }

    @Nested
    class WhenTargetExists {

        @BeforeEach
        void existing() throws IOException {
            Files.writeString(processed.resolve("a.md"), "earlier");
        }

        @Test
        void suffixPolicyDeliversUnderTheNextFreeNameAndOverwritesNothing() throws IOException {
            Files.writeString(processed.resolve("a-1.md"), "earlier too");
            FileTask first = inboxFile("a.md", "# one\n");
            List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.DURABLE)
                    .deliver(batch(rewritten(first, "# One\n")));
            assertThat(((Delivered) outcomes.get(0)).target()).isEqualTo(processed.resolve("a-2.md"));
            assertThat(processed.resolve("a.md")).hasContent("earlier");
            assertThat(processed.resolve("a-1.md")).hasContent("earlier too");
            assertThat(processed.resolve("a-2.md")).hasContent("# One\n");
        }

        @Test
        void replacePolicyReplacesAtomically() throws IOException {
            FileTask task = inboxFile("a.md", "# one\n");
            deliverer(CollisionPolicy.REPLACE, Durability.DURABLE).deliver(batch(rewritten(task, "# One\n")));
            assertThat(processed.resolve("a.md")).hasContent("# One\n");
            assertThat(task.source()).doesNotExist();
        }

        @Test
        void replacePolicyMovesUnchangedOriginal() throws IOException {
            FileTask task = inboxFile("a.md", "# One\n");
            deliverer(CollisionPolicy.REPLACE, Durability.FAST).deliver(batch(new Unchanged(task, "markdown", "One")));
            assertThat(processed.resolve("a.md")).hasContent("# One\n");
            assertThat(task.source()).doesNotExist();
        }

        @Test
        void failPolicySendsTheFileToFailedWithTheReason() throws IOException {
            FileTask task = inboxFile("a.md", "# one\n");
            Rewritten staged = rewritten(task, "# One\n");
            List<Outcome> outcomes = deliverer(CollisionPolicy.FAIL, Durability.DURABLE).deliver(batch(staged));
            assertThat(outcomes).singleElement().isInstanceOf(Failed.class);
            assertThat(processed.resolve("a.md")).hasContent("earlier");
            assertThat(failed.resolve("a.md")).hasContent("# one\n");
            assertThat(failed.resolve("a.md.reason")).content().contains("already has a file named 'a.md'");
            assertThat(staged.staged()).doesNotExist();
        }

        @Test
        void aNameTakenInTheFailedDirectoryIsNotOverwritten() throws IOException {
            Files.writeString(failed.resolve("a.md"), "failed earlier");
            FileTask task = inboxFile("a.md", "\0");
            List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.FAST)
                    .deliver(batch(new Rejected(task, "binary content")));
            assertThat(outcomes).singleElement().isInstanceOfSatisfying(Failed.class,
                    f -> assertThat(f.location()).isEqualTo(failed.resolve("a-1.md")));
            assertThat(failed.resolve("a.md")).hasContent("failed earlier");
            assertThat(failed.resolve("a-1.md.reason")).hasContent("binary content");
        }

        @Test
        void aTaskWhoseNameIsNotItsSourceIsRefusedAndNothingIsTouched() throws IOException {
            FileTask a = inboxFile("x/a.md", "# one\n");
            Rewritten misnamed = new Rewritten(new FileTask(a.id(), a.source(), "a.md", 6), rewritten(a, "1").staged(),
                    "m", "o", "n", 1);
            List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.FAST).deliver(batch(misnamed));
            assertThat(outcomes).singleElement().isInstanceOfSatisfying(Failed.class, failed -> {
                assertThat(failed.reason()).startsWith(Confinement.REFUSED);
                assertThat(failed.location()).isNull();
            });
            assertThat(a.source()).hasContent("# one\n");
            assertThat(processed.resolve("a.md")).hasContent("earlier");
            assertThat(processed.resolve("a-1.md")).doesNotExist();
            assertThat(failed).isEmptyDirectory();
        }
    }

    @Nested
    class Confined {

        @Test
        void anOriginalOutsideTheInboxIsNeitherMovedNorDeleted() throws IOException {
            Path elsewhere = Files.writeString(root.resolve("elsewhere.md"), "# not mine\n");
            FileTask outside = new FileTask(1, elsewhere, "elsewhere.md", 11);
            List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.FAST)
                    .deliver(batch(new Rejected(outside, "whatever")));
            assertThat(outcomes).singleElement().isInstanceOfSatisfying(Failed.class,
                    failed -> assertThat(failed.reason()).startsWith(Confinement.REFUSED).contains("not inside the inbox"));
            assertThat(elsewhere).hasContent("# not mine\n");
            assertThat(failed).isEmptyDirectory();
        }

        @Test
        void aStagedFileOutsideProcessedIsNeitherPublishedNorDeleted() throws IOException {
            FileTask a = inboxFile("a.md", "# a\n");
            Path foreign = Files.writeString(root.resolve(".filemill-t-1.tmp"), "# A\n");
            List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.FAST)
                    .deliver(batch(new Rewritten(a, foreign, "markdown", "a", "A", 4)));
            assertThat(outcomes).singleElement().isInstanceOfSatisfying(Failed.class,
                    failed -> assertThat(failed.reason()).contains("is not a staged file in"));
            assertThat(foreign).exists();
            assertThat(a.source()).exists();
            assertThat(processed.resolve("a.md")).doesNotExist();
        }
    }

    @Nested
    class WhenSomethingFails {

        @Test
        void publishFailureLeavesTheFileInTheInboxAndKeepsTheBatchGoing() throws IOException {
            // processed/ cannot take the file: that is no fault of the file, so it waits in the inbox
            Files.writeString(processed.resolve("sub"), "a file where a directory must be");
            FileTask blocked = inboxFile("sub/a.md", "# a\n");
            FileTask fine = inboxFile("b.md", "# b\n");
            List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.DURABLE)
                    .deliver(batch(rewritten(blocked, "# A\n"), rewritten(fine, "# B\n")));
            assertThat(outcomes.get(0)).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.reason()).startsWith("left in the inbox: cannot deliver it: ");
                assertThat(f.location()).isEqualTo(blocked.source());
            });
            assertThat(blocked.source()).hasContent("# a\n");
            assertThat(failed).isEmptyDirectory();
            assertThat(outcomes.get(1)).isInstanceOf(Delivered.class);
            assertThat(processed.resolve("b.md")).hasContent("# B\n");
            assertThat(processed).isDirectoryNotContaining("glob:**/.filemill-*");
        }

        @Test
        void fileThatCannotReachFailedEitherStaysInTheInboxUntouched() throws IOException {
            Files.writeString(failed.resolve("sub"), "blocks failed/sub");
            FileTask task = inboxFile("sub/a.bin", "\0");
            List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.DURABLE)
                    .deliver(batch(new Rejected(task, "binary content")));
            assertThat(outcomes).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.location()).isEqualTo(task.source());
                assertThat(f.reason()).startsWith("binary content; left in the inbox");
            });
            assertThat(task.source()).hasBinaryContent(new byte[] {0});
        }

        @Test
        void unwritableJournalFailsTheBatchBeforeAnythingIsPublished() throws IOException {
            FileTask task = inboxFile("a.md", "# a\n");
            Rewritten staged = rewritten(task, "# A\n");
            Files.delete(journal);
            assertThatThrownBy(() -> deliverer(CollisionPolicy.SUFFIX, Durability.DURABLE).deliver(batch(staged)))
                    .isInstanceOf(IOException.class);
            assertThat(task.source()).hasContent("# a\n");
            assertThat(processed.resolve("a.md")).doesNotExist();
        }

        @Test
        void vanishedOriginalIsReportedNotLost() throws IOException {
            FileTask task = inboxFile("a.txt", "x");
            Files.delete(task.source());
            List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.FAST)
                    .deliver(batch(new Unchanged(task, "text", null)));
            assertThat(outcomes).singleElement().isInstanceOfSatisfying(Failed.class,
                    f -> assertThat(f.reason()).contains("vanished"));
        }
    }

    @Nested
    class RetryingABatchWhoseWorkerDied {

        @Test
        void resumesAPublishedFileInsteadOfDeliveringItTwice() throws IOException {
            FileTask task = inboxFile("a.md", "# a\n");
            Rewritten staged = rewritten(task, "# A\n");
            Files.createLink(processed.resolve("a.md"), staged.staged()); // the dead worker got this far
            Files.writeString(journal.resolve("b7.journal"),
                    new Intent(task.source(), staged.staged(), processed.resolve("a.md"), null).toLine());

            List<Outcome> outcomes;
            try (Deliverer deliverer = deliverer(CollisionPolicy.SUFFIX, Durability.DURABLE)) {
                outcomes = deliverer.deliver(new DeliveryBatch("b7", List.of(staged)));
            }

            assertThat(outcomes).singleElement().isInstanceOfSatisfying(Delivered.class,
                    d -> assertThat(d.target()).isEqualTo(processed.resolve("a.md")));
            assertThat(SampleFiles.names(processed)).containsExactly("a.md");
            assertThat(task.source()).doesNotExist();
            assertThat(journal).isEmptyDirectory();
        }

        @Test
        void reportsFileWhoseOriginalTheDeadWorkerAlreadyRemovedAsDelivered() throws IOException {
            FileTask task = inboxFile("u.txt", "Fine\n");
            Files.createLink(processed.resolve("u.txt"), task.source());
            Files.writeString(journal.resolve("b8.journal"),
                    new Intent(task.source(), task.source(), processed.resolve("u.txt"), null).toLine());
            Files.delete(task.source());

            List<Outcome> outcomes = deliverer(CollisionPolicy.SUFFIX, Durability.FAST)
                    .deliver(new DeliveryBatch("b8", List.of(new Unchanged(task, "text", "Fine"))));

            assertThat(outcomes).singleElement().isInstanceOf(Delivered.class);
            assertThat(processed.resolve("u.txt")).hasContent("Fine\n");
        }

        @Test
        void ignoresATornLastJournalLine() throws IOException {
            FileTask task = inboxFile("t.md", "# t\n");
            Rewritten staged = rewritten(task, "# T\n");
            Files.writeString(journal.resolve("b9.journal"), "D\t" + task.source() + "\t/half");

            deliverer(CollisionPolicy.SUFFIX, Durability.FAST).deliver(new DeliveryBatch("b9", List.of(staged)));

            assertThat(processed.resolve("t.md")).hasContent("# T\n");
            assertThat(task.source()).doesNotExist();
        }
    }

    @Nested
    class Recovering {

        private DeliverySettings settings() {
            return new DeliverySettings(inbox, processed, failed, journal, CollisionPolicy.SUFFIX, Durability.DURABLE, null);
        }

        @Test
        void completesPublishThatHappenedBeforeACrash() throws IOException {
            FileTask task = inboxFile("a.md", "# a\n");
            Path staged = rewritten(task, "# A\n").staged();
            Files.createLink(processed.resolve("a.md"), staged);
            Files.writeString(journal.resolve("x.journal"),
                    new Intent(task.source(), staged, processed.resolve("a.md"), null).toLine());

            Recovery.Report report = Recovery.recover(settings());

            assertThat(report.completed()).isEqualTo(1);
            assertThat(task.source()).doesNotExist();
            assertThat(staged).doesNotExist();
            assertThat(processed.resolve("a.md")).hasContent("# A\n");
            assertThat(journal).isEmptyDirectory();
        }

        @Test
        void deletesTheSpareJournalsAKilledRunKept() throws IOException {
            Files.writeString(journal.resolve("journal-1234abcd-1.spare"), "");
            Recovery.recover(settings());
            assertThat(journal).isEmptyDirectory();
        }

        @Test
        void leavesAJournaledOriginalOutsideTheInboxAndKeepsItsJournal() throws IOException {
            Path oldInbox = Files.createDirectory(root.resolve("old-inbox"));
            Path original = Files.writeString(oldInbox.resolve("a.md"), "# a\n");
            Files.createLink(processed.resolve("a.md"), original);
            Files.writeString(journal.resolve("x.journal"),
                    new Intent(original, original, processed.resolve("a.md"), null).toLine());

            Recovery.Report report = Recovery.recover(settings());

            assertThat(report.refused()).isEqualTo(1);
            assertThat(report.completed()).isZero();
            assertThat(original).exists();
            assertThat(journal.resolve("x.journal")).exists();
        }

        @Test
        void leavesOriginalWhosePublishDidNotHappenAndRemovesItsStagedFile() throws IOException {
            FileTask task = inboxFile("a.md", "# a\n");
            Path staged = rewritten(task, "# A\n").staged();
            Files.writeString(processed.resolve("a.md"), "someone else's file");
            Files.writeString(journal.resolve("x.journal"),
                    new Intent(task.source(), staged, processed.resolve("a.md"), null).toLine());

            Recovery.Report report = Recovery.recover(settings());

            assertThat(report.completed()).isZero();
            assertThat(task.source()).hasContent("# a\n");
            assertThat(processed.resolve("a.md")).hasContent("someone else's file");
            assertThat(staged).doesNotExist();
        }

        @Test
        void completesReplaceRenameWhoseOriginalWasNotYetRemoved() throws IOException {
            FileTask task = inboxFile("r.md", "# r\n");
            Path staged = rewritten(task, "# R\n").staged();
            Files.move(staged, processed.resolve("r.md"));
            Files.writeString(journal.resolve("z.journal"),
                    new Intent(task.source(), staged, processed.resolve("r.md"), null).toLine());

            Recovery.recover(settings());

            assertThat(task.source()).doesNotExist();
            assertThat(processed.resolve("r.md")).hasContent("# R\n");
        }

        @Test
        void completesFailureMoveAndWritesTheMissingReason() throws IOException {
            FileTask task = inboxFile("b.bin", "\0");
            Files.createLink(failed.resolve("b.bin"), task.source());
            Files.writeString(journal.resolve("y.journal"),
                    new Intent(task.source(), task.source(), failed.resolve("b.bin"), "binary\tcontent").toLine());

            Recovery.recover(settings());

            assertThat(task.source()).doesNotExist();
            assertThat(failed.resolve("b.bin.reason")).hasContent("binary\tcontent");
        }
    }
}
