package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.SampleData;
import io.filemill.app.job.RunLock;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line, Spring context, job repository and files, on temporary directories. */
class RunCommandTests {

    @TempDir
    Path root;
    Path inbox;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void inbox() throws IOException {
        inbox = Files.createDirectory(root.resolve("inbox"));
    }

    private int filemill(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--inbox", inbox.toString(),
                "--processed", root.resolve("processed").toString(), "--failed", root.resolve("failed").toString(),
                "--home", root.resolve("state").toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--min-age")) {
            args.addAll(List.of("--min-age", "0s")); // files written by a test are brand new
        }
        return new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sampleDataIsDeliveredExactlyAsExpected() throws Exception {
        Files.delete(inbox);
        SampleData.copyInbox(inbox);

        int exit = filemill();

        assertThat(exit).as(stderr()).isEqualTo(ExitCodes.FILES_FAILED);
        SampleData.assertSameTree(root.resolve("processed"), SampleData.root().resolve("expected/processed"));
        SampleData.assertSameTree(root.resolve("failed"), SampleData.root().resolve("expected/failed"));
        assertThat(SampleData.relativeFiles(inbox)).containsExactly(".draft.md", "upload.part");
        assertThat(stdout()).contains("files seen   34", "delivered    31  (retitled 24, unchanged 7)",
                "failed       3", "failed: image.png: binary content (NUL byte at offset 8)");
        assertThat(root.resolve("state/runs/run-1.json")).content()
                .contains("\"seen\" : 34", "\"failed\" : 3", "\"status\" : \"COMPLETED\"");
        assertThat(root.resolve("state/journal")).isEmptyDirectory();
        assertThat(stepCounts()).containsExactly("COMPLETED", "34", "31", "3");
    }

    /** Status, read, write and skip counts of the last step, from the job repository itself. */
    private List<String> stepCounts() throws Exception {
        String url = "jdbc:h2:file:" + root.resolve("state/jobrepo") + ";ACCESS_MODE_DATA=r";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select STATUS, READ_COUNT, WRITE_COUNT, PROCESS_SKIP_COUNT "
                     + "from BATCH_STEP_EXECUTION order by STEP_EXECUTION_ID desc limit 1")) {
            assertThat(row.next()).isTrue();
            return List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
        }
    }

    @Test
    void secondRunReusesTheJobRepositoryAndDeliversNewFiles() throws Exception {
        Files.writeString(inbox.resolve("one.md"), "# first  file\n");
        assertThat(filemill()).as(stderr()).isZero();
        Files.writeString(inbox.resolve("two.md"), "# second file\n");

        assertThat(filemill()).as(stderr()).isZero();

        assertThat(root.resolve("processed/one.md")).hasContent("# First File\n");
        assertThat(root.resolve("processed/two.md")).hasContent("# Second File\n");
        assertThat(root.resolve("state/runs/run-2.json")).exists();
    }

    @Test
    void dryRunPrintsTitleChangesAndTouchesNothing() throws Exception {
        Files.writeString(inbox.resolve("a.md"), "# some   title\n");
        Files.writeString(inbox.resolve("b.txt"), "Fine\n");

        assertThat(filemill("--dry-run")).isZero();

        assertThat(stdout()).contains("a.md: \"some   title\" -> \"Some Title\"", "b.txt: \"Fine\" stays",
                "dry run: 2 files, 1 titles would change; nothing was touched");
        assertThat(inbox.resolve("a.md")).hasContent("# some   title\n");
        assertThat(root.resolve("processed")).as("a dry run creates no directory").doesNotExist();
        assertThat(root.resolve("failed")).doesNotExist();
        assertThat(root.resolve("state")).as("nor a lock or a job repository").doesNotExist();
        assertThat(inbox.resolve(".filemill.lock")).doesNotExist();
    }

    @Test
    void optionsAndPropertyArgumentsConfigureTheRun() throws Exception {
        Files.createDirectories(inbox.resolve("2026/11"));
        Files.writeString(inbox.resolve("2026/11/report.md"), "# monthly report\n");
        Files.writeString(inbox.resolve("skip.txt"), "not included\n");

        int exit = filemill("--recursive", "--include", "*.md", "--rule", "upper", "--rule", "prefix:[x] ",
                "--filemill.delivery.durability=fast");

        assertThat(exit).as(stderr()).isZero();
        assertThat(root.resolve("processed/2026/11/report.md")).hasContent("# [x] MONTHLY REPORT\n");
        assertThat(inbox.resolve("skip.txt")).exists();
        assertThat(stdout()).contains("(thread mode: retitle 2 threads, deliver 1 thread; fast)");
    }

    @Test
    void fileStillBeingWrittenWaitsForALaterRun() throws Exception {
        Path settled = Files.writeString(inbox.resolve("settled.md"), "# settled\n");
        Files.setLastModifiedTime(settled, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        Path growing = Files.writeString(inbox.resolve("growing.md"), "# growing\n");

        assertThat(filemill("--min-age", "30s")).isZero();

        assertThat(root.resolve("processed/settled.md")).exists();
        assertThat(growing).exists();
        assertThat(stdout()).contains("deferred     1  (not ready yet");
        assertThat(root.resolve("state/runs/run-1.json")).content().contains("\"deferred\" : 1", "growing.md");

        Files.setLastModifiedTime(growing, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        assertThat(filemill("--min-age", "30s")).isZero();
        assertThat(root.resolve("processed/growing.md")).hasContent("# Growing\n");
    }

    @Test
    void historyListsRunsNewestFirstAndShowNamesEachFailedFile() throws Exception {
        Files.writeString(inbox.resolve("a.md"), "# one\n");
        Files.write(inbox.resolve("b.bin"), new byte[] {0, 1});
        assertThat(filemill()).isEqualTo(ExitCodes.FILES_FAILED);
        Files.writeString(inbox.resolve("c.md"), "# two\n");
        assertThat(filemill("--mode", "process", "--workers", "1")).isZero();
        out.reset();

        FilemillCli cli = new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(cli.run("history", "--home", root.resolve("state").toString())).isZero();
        List<String> lines = stdout().lines().toList();
        assertThat(lines.get(0)).contains("RUN", "STARTED", "DELIVERED", "FAILED", "LEFT", "FILES/S", "STATUS");
        assertThat(lines.get(1)).matches(" +2 .* process +retitle 1 process, deliver 1 process +1 +0 +0 .* COMPLETED");
        assertThat(lines.get(2)).matches(" +1 .* thread +retitle 2 threads, deliver 2 threads +1 +0 +1 .* COMPLETED");

        RunReport first = new RunReportWriter().read(root.resolve("state/runs/run-1.json"));
        assertThat(lines.get(2)).as("the rate the run's own summary gave")
                .contains(String.format(Locale.ROOT, "%.1f", first.filesPerSecond()));

        out.reset();
        assertThat(cli.run("show", "1", "--home", root.resolve("state").toString())).isZero();
        assertThat(stdout()).contains("run 1: COMPLETED", "2 taken, 1 retitled, 0 unchanged, 1 failed",
                "failed     b.bin: binary content (NUL byte at offset 0)", "processed  " + root.resolve("processed"),
                "failed dir " + root.resolve("failed"), "bytes      6 delivered",
                "report     " + root.resolve("state/runs/run-1.json"));

        out.reset();
        assertThat(cli.run("show", "1", "--json", "--home", root.resolve("state").toString())).isZero();
        assertThat(stdout()).contains("\"runId\" : 1", "\"failed\" : 1", "\"file\" : \"b.bin\"");
        out.reset();
        assertThat(cli.run("history", "--json", "--home", root.resolve("state").toString())).isZero();
        assertThat(stdout().strip()).startsWith("[").endsWith("]").contains("\"id\" : 2", "\"id\" : 1",
                "\"retitled\" : 1", "\"failed\" : 1");

        assertThat(cli.run("show", "99", "--home", root.resolve("state").toString())).isEqualTo(ExitCodes.FATAL);
        assertThat(stderr()).contains("filemill: no run 99 in the job repository");
    }

    @Test
    void staleStagedFileFromAKilledRunIsCleanedUp() throws Exception {
        Files.createDirectories(root.resolve("processed"));
        Path stale = Files.writeString(root.resolve("processed/.filemill-dead1234-7.tmp"), "half written");
        Files.writeString(inbox.resolve("a.md"), "# a\n"); // the original the killed run was staging

        assertThat(filemill()).isZero();

        assertThat(stale).doesNotExist();
        assertThat(root.resolve("processed/a.md")).hasContent("# A\n");
    }

    @Test
    void anEmptyInboxRecordsNoRunAndStartsNoJobRepository() {
        assertThat(filemill()).as(stderr()).isZero();
        assertThat(stdout()).isEqualTo("filemill: nothing to do: " + inbox + " has no files; no run recorded\n");
        assertThat(root.resolve("state/jobrepo.mv.db")).doesNotExist();
        assertThat(root.resolve("state/runs")).doesNotExist();
    }

    @Test
    void anInboxOfNothingToTakeRecordsNoRunEither() throws Exception {
        Files.writeString(inbox.resolve(".hidden.md"), "# hidden\n");
        Files.writeString(inbox.resolve("upload.part"), "# still coming\n");
        assertThat(filemill()).as(stderr()).isZero();
        assertThat(stdout()).contains("nothing to do");
        assertThat(root.resolve("state/jobrepo.mv.db")).doesNotExist();
        assertThat(inbox.resolve(".hidden.md")).exists();
    }

    @Test
    void aFileNotReadyYetIsRecordedAsDeferred() throws Exception {
        Files.writeString(inbox.resolve("fresh.md"), "# fresh\n");
        assertThat(filemill("--min-age", "1h")).as(stderr()).isZero();
        assertThat(stdout()).contains("files seen   1", "deferred");
        assertThat(root.resolve("state/runs/run-1.json")).exists();
    }

    @Nested
    class Refuses {

        @Test
        void aMissingInboxWithExitCodeTwoAndOneLine() {
            inbox = root.resolve("nowhere");
            assertThat(filemill()).isEqualTo(ExitCodes.FATAL);
            assertThat(stderr().strip()).isEqualTo("filemill: bad configuration: inbox " + inbox
                    + " does not exist or is not a directory");
        }

        @Test
        void aRunAcrossMachinesOnTheEmbeddedJobRepositoryWithOneLineAndNothingWritten() throws Exception {
            Files.writeString(inbox.resolve("a.md"), "# a\n");

            assertThat(filemill("--partitions", "3")).isEqualTo(ExitCodes.FATAL);

            assertThat(stderr().strip().lines()).singleElement().asString()
                    .startsWith("filemill: bad configuration: cluster.partitions=3 needs a job repository every machine "
                            + "shares").contains("spring.datasource.url");
            assertThat(root.resolve("state")).doesNotExist();
            assertThat(root.resolve("processed")).doesNotExist();
            assertThat(inbox.resolve("a.md")).exists();
        }

        @Test
        void aNegativeNumberOfPartitions() {
            assertThat(filemill("--partitions", "-1")).isEqualTo(ExitCodes.FATAL);
            assertThat(stderr().strip()).isEqualTo("filemill: bad configuration: cluster.partitions must be between "
                    + "0 (run here) and 10000, not -1");
        }

        @Test
        void anUnknownRule() {
            assertThat(filemill("--rule", "shout")).isEqualTo(ExitCodes.FATAL);
            assertThat(stderr()).startsWith("filemill: bad configuration: unknown title rule 'shout'");
            assertThat(stderr().strip().lines()).hasSize(1);
        }

        @Test
        void anUnknownCollisionPolicyListingTheKnownOnes() {
            assertThat(filemill("--collision", "sometimes")).isEqualTo(ExitCodes.FATAL);
            assertThat(stderr().strip()).isEqualTo("filemill: bad configuration: filemill.delivery.collision: "
                    + "'sometimes' is not one of suffix, replace, fail");
        }

        @Test
        void processedInsideTheInbox() {
            List<String> args = List.of("run", "--inbox", inbox.toString(), "--processed",
                    inbox.resolve("out").toString(), "--home", root.resolve("state").toString());
            int exit = new FilemillCli(new PrintStream(out), new PrintStream(err)).run(args.toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.FATAL);
            assertThat(stderr()).contains("must not be, contain or lie inside inbox");
        }

        @Test
        void toRunWhileAnotherRunHoldsTheLock() throws Exception {
            Files.writeString(inbox.resolve("a.md"), "# a\n");
            Path state = Files.createDirectories(root.resolve("state"));
            try (RunLock held = RunLock.acquire(state)) {
                assertThat(filemill()).isEqualTo(ExitCodes.LOCKED);
            }
            assertThat(stderr()).startsWith("filemill: another filemill run holds").contains("pid=");
            assertThat(inbox.resolve("a.md")).exists();
        }

        @Test
        void toTakeAnInboxThatARunWithAnotherStateDirectoryHolds() throws Exception {
            Files.writeString(inbox.resolve("a.md"), "# a\n");
            try (RunLock held = RunLock.acquireInbox(inbox)) {
                assertThat(filemill()).isEqualTo(ExitCodes.LOCKED);
            }
            assertThat(stderr()).startsWith("filemill: another filemill run holds " + inbox.resolve(".filemill.lock"))
                    .contains("pid=");
            assertThat(inbox.resolve("a.md")).exists();
        }

        @Test
        void toRunWhenOnlyAConfigFileNamesAHeldStateDirectory() throws Exception {
            Files.writeString(inbox.resolve("a.md"), "# a\n");
            Path state = Files.createDirectories(root.resolve("configured-state"));
            Path config = Files.writeString(root.resolve("filemill.yml"), "filemill:\n  home: " + state + "\n"
                    + "  inbox: " + inbox + "\n");
            try (RunLock held = RunLock.acquire(state)) {
                int exit = new FilemillCli(new PrintStream(out), new PrintStream(err))
                        .run("run", "--config", config.toString(), "--min-age", "0s");
                assertThat(exit).isEqualTo(ExitCodes.LOCKED);
            }
            assertThat(stderr()).startsWith("filemill: another filemill run holds " + state.resolve("filemill.lock"));
            assertThat(inbox.resolve("a.md")).exists();
        }
    }

    @Test
    void helpListsOptionsAndExitCodesWithoutStartingSpring() {
        int exit = new FilemillCli(new PrintStream(out), new PrintStream(err)).run("run", "--help");
        assertThat(exit).isZero();
        assertThat(stdout()).contains("--inbox=DIR", "--dry-run", "75  another run holds the lock");
    }
}
