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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxScannerTests {

    @TempDir
    Path inbox;
    @TempDir
    Path outside;

    private final List<FileTask> taken = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();

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
    void recursiveScanKeepsRelativePathsAndSkipsHiddenDirectories() throws Exception {
        assertThat(scan(new ScanSettings(true, List.of(), List.of())))
                .containsExactly("a.md", "b.txt", "sub/c.md", "sub/deeper/d.html");
    }

    @Test
    void includeAndExcludeGlobsFilterByNameOrRelativePath() throws Exception {
        assertThat(scan(new ScanSettings(true, List.of("*.md", "**/*.html"), List.of("sub/c.md"))))
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
