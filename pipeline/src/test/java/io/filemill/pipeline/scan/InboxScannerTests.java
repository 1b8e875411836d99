package io.filemill.pipeline.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.pipeline.task.FileTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxScannerTests {

    @TempDir
    Path inbox;
    @TempDir
    Path outside;

    private final List<FileTask> taken = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final Map<String, String> deferred = new LinkedHashMap<>();

    @BeforeEach
    void files() throws IOException {
        Files.writeString(inbox.resolve("a.md"), "# a");
        Files.writeString(inbox.resolve("b.txt"), "b");
        Files.writeString(inbox.resolve(".hidden.md"), "x");
        Files.writeString(inbox.resolve("upload.part"), "x");
        Files.writeString(inbox.resolve("edit.tmp"), "x");
        Files.createDirectories(inbox.resolve("sub/deeper"));
        Files.writeString(inbox.resolve("sub/c.md"), "# c");
        Files.writeString(inbox.resolve("sub/deeper/d.html"), "<title>d</title>");
        Files.createDirectories(inbox.resolve(".git"));
        Files.writeString(inbox.resolve(".git/config.txt"), "x");
        Files.createSymbolicLink(inbox.resolve("link.md"), Files.writeString(outside.resolve("secret.md"), "# s"));
    }

    private List<String> scan(ScanSettings settings) throws Exception {
        new InboxScanner(inbox, settings).scan(taken::add, (path, reason) ->
                skipped.put(inbox.relativize(path).toString(), reason), () -> false);
        return taken.stream().map(FileTask::relativeName).sorted().toList();
    }

    @Test
    void takesRegularFilesOfTheTopDirectoryOnlyByDefault() throws Exception {
        assertThat(scan(ScanSettings.defaults())).containsExactly("a.md", "b.txt");
    }

    @Test
    void neverFollowsSymbolicLinksAndReportsThem() throws Exception {
        scan(ScanSettings.defaults());
        assertThat(skipped).containsEntry("link.md", "symbolic link (never followed)");
    }

    @Test
    void aFlatScanNamesTheSubdirectoriesItDoesNotEnterButNotHiddenOnes() throws Exception {
        scan(ScanSettings.defaults());
        assertThat(skipped).containsEntry("sub", "a directory; its files are taken only with --recursive")
                .doesNotContainKey(".git");
    }

    @Test
    void recursiveScanKeepsRelativePathsAndSkipsHiddenDirectories() throws Exception {
        assertThat(scan(new ScanSettings(true, List.of(), List.of(), Duration.ZERO, null)))
                .containsExactly("a.md", "b.txt", "sub/c.md", "sub/deeper/d.html");
    }

    @Test
    void includeAndExcludeGlobsFilterByNameOrRelativePath() throws Exception {
        assertThat(scan(new ScanSettings(true, List.of("*.md", "**/*.html"), List.of("sub/c.md"), Duration.ZERO, null)))
                .containsExactly("a.md", "sub/deeper/d.html");
    }

    @Test
    void numbersFilesFromOneAndRecordsTheirSize() throws Exception {
        scan(ScanSettings.defaults());
        assertThat(taken).extracting(FileTask::id).containsExactlyInAnyOrder(1L, 2L);
        assertThat(taken).filteredOn(t -> t.relativeName().equals("a.md")).singleElement()
                .extracting(FileTask::size).isEqualTo(3L);
    }

    @Test
    void eachTaskCarriesItsFilesPermissionBitsFromTheScanItself() throws Exception {
        Files.setPosixFilePermissions(inbox.resolve("a.md"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(inbox.resolve("b.txt"), PosixFilePermissions.fromString("r-x---r--"));
        scan(ScanSettings.defaults());
        assertThat(taken).filteredOn(t -> t.relativeName().equals("a.md")).singleElement()
                .extracting(FileTask::mode).isEqualTo(0640);
        assertThat(taken).filteredOn(t -> t.relativeName().equals("b.txt")).singleElement()
                .extracting(FileTask::mode).isEqualTo(0504);
    }

    @Nested
    class Readiness {

        final Instant now = Instant.parse("2026-11-23T02:00:00Z");

        private List<String> scanAt(Instant instant, ScanSettings settings) throws Exception {
            taken.clear();
            new InboxScanner(inbox, settings, Clock.fixed(instant, ZoneOffset.UTC)).scan(taken::add, new ScanListener() {
                @Override
                public void skipped(Path path, String reason) {
                }

                @Override
                public void deferred(Path path, String reason) {
                    deferred.put(inbox.relativize(path).toString(), reason);
                }
            }, () -> false);
            return taken.stream().map(FileTask::relativeName).sorted().toList();
        }

        @BeforeEach
        void ages() throws IOException {
            Files.setLastModifiedTime(inbox.resolve("a.md"), FileTime.from(now.minusSeconds(60)));
            Files.setLastModifiedTime(inbox.resolve("b.txt"), FileTime.from(now.minusMillis(1500)));
        }

        @Test
        void fileStillBeingWrittenIsDeferredUntilItSettles() throws Exception {
            ScanSettings settings = new ScanSettings(false, List.of(), List.of(), Duration.ofSeconds(5), null);
            assertThat(scanAt(now, settings)).containsExactly("a.md");
            assertThat(deferred.get("b.txt")).contains("modified 1500 ms ago").contains("5000 ms old");
            assertThat(scanAt(now.plusSeconds(4), settings)).containsExactly("a.md", "b.txt");
        }

        @Test
        void fileModifiedInTheFutureIsNotTaken() throws Exception {
            Files.setLastModifiedTime(inbox.resolve("b.txt"), FileTime.from(now.plusSeconds(3600)));
            ScanSettings settings = new ScanSettings(false, List.of(), List.of(), Duration.ofSeconds(5), null);
            assertThat(scanAt(now, settings)).containsExactly("a.md");
            assertThat(deferred.get("b.txt")).startsWith("modified in the future");
        }

        @Test
        void withAMarkerOnlyFilesWhoseMarkerExistsAreTakenAndMarkersNever() throws Exception {
            Files.writeString(inbox.resolve("a.md.done"), "");
            ScanSettings settings = new ScanSettings(false, List.of(), List.of(), Duration.ZERO, ".done");
            assertThat(scanAt(now, settings)).containsExactly("a.md");
            assertThat(deferred).containsEntry("b.txt", "waiting for its marker b.txt.done");
        }
    }

    @Test
    void stopsEarlyWhenAsked() throws Exception {
        long count = new InboxScanner(inbox, ScanSettings.defaults()).scan(taken::add, ScanListener.NONE, () -> true);
        assertThat(count).isZero();
    }

    @Test
    void streamsManyFilesWithoutListingThemFirst() throws Exception {
        for (int i = 0; i < 3000; i++) {
            Files.writeString(inbox.resolve("n" + i + ".txt"), "x");
        }
        long[] seen = {0};
        long count = new InboxScanner(inbox, ScanSettings.defaults()).scan(t -> seen[0]++, ScanListener.NONE, () -> false);
        assertThat(count).isEqualTo(3002).isEqualTo(seen[0]);
    }
}
