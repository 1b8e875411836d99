package io.filemill.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.app.config.ConfigurationCheck;
import io.filemill.app.config.RunSettings;
import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanListener;
import io.filemill.pipeline.scan.ScanSettings;
import io.filemill.pipeline.task.FileTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** How a run across machines splits its inbox, and how a node reads its share back. */
class PartitionsTests {

    @TempDir
    Path root;

    private Path inbox(int small, int large) throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        for (int i = 0; i < small; i++) {
            Files.writeString(inbox.resolve("doc-" + i + ".md"), "# doc " + i + "\n");
        }
        for (int i = 0; i < large; i++) {
            Files.write(inbox.resolve("big-" + i + ".txt"), new byte[(int) InboxPartitioner.LARGE + i]);
        }
        return inbox;
    }

    private Map<String, ExecutionContext> partition(Path inbox, String run, int gridSize) {
        ScanSettings ready = new ScanSettings(false, List.of(), List.of(), Duration.ZERO, null);
        return new InboxPartitioner(new InboxScanner(inbox, ready), ScanListener.NONE, root.resolve("state"),
                root.resolve("state/partitions/" + run)).partition(gridSize);
    }

    private List<FileTask> read(Path inbox, ExecutionContext partition) throws Exception {
        Path manifest = root.resolve("state").resolve(partition.getString(InboxPartitioner.MANIFEST));
        List<FileTask> tasks = new ArrayList<>();
        new ManifestSource(manifest, inbox).scan(tasks::add, ScanListener.NONE, () -> false);
        return tasks;
    }

    @Test
    void everyReadyFileIsInExactlyOnePartitionAndTheCountsAreEven() throws Exception {
        Path inbox = inbox(3000, 0);

        Map<String, ExecutionContext> partitions = partition(inbox, "a", 4);

        assertThat(partitions).hasSize(4);
        Set<String> seen = new HashSet<>();
        for (ExecutionContext partition : partitions.values()) {
            List<FileTask> tasks = read(inbox, partition);
            assertThat(tasks).hasSize((int) partition.getLong(InboxPartitioner.FILES));
            assertThat((double) tasks.size()).isBetween(3000 / 4 * 0.85, 3000 / 4 * 1.15);
            tasks.forEach(task -> assertThat(seen.add(task.relativeName())).as(task.relativeName()).isTrue());
        }
        assertThat(seen).hasSize(3000);
    }

    @Test
    void aNameGoesToTheSamePartitionWhateverElseTheInboxHolds() throws Exception {
        Path inbox = inbox(500, 0);
        Map<String, ExecutionContext> before = partition(inbox, "a", 3);
        Files.writeString(inbox.resolve("newcomer.md"), "# new\n");
        Map<String, ExecutionContext> after = partition(inbox, "b", 3);

        for (String key : before.keySet()) {
            List<String> was = read(inbox, before.get(key)).stream().map(FileTask::relativeName).toList();
            assertThat(read(inbox, after.get(key)).stream().map(FileTask::relativeName)).containsAll(was);
        }
    }

    @Test
    void largeFilesAreSpreadByBytesNotPiledOnOnePartition() throws Exception {
        Path inbox = inbox(0, 6);

        Map<String, ExecutionContext> partitions = partition(inbox, "a", 3);

        assertThat(partitions.values()).allSatisfy(partition ->
                assertThat(partition.getLong(InboxPartitioner.FILES)).isEqualTo(2));
    }

    @Test
    void anEmptyInboxMakesNoPartitionAndNoManifest() throws Exception {
        Path inbox = inbox(0, 0);

        assertThat(partition(inbox, "a", 3)).isEmpty();
        assertThat(root.resolve("state/partitions/a")).isEmptyDirectory();
    }

    @Test
    void filesGoneSinceTheListingAreCountedGoneNotTaken() throws Exception {
        Path inbox = inbox(10, 0);
        ExecutionContext only = partition(inbox, "a", 1).values().iterator().next();
        Files.delete(inbox.resolve("doc-3.md"));
        Path manifest = root.resolve("state").resolve(only.getString(InboxPartitioner.MANIFEST));
        ManifestSource source = new ManifestSource(manifest, inbox);
        List<FileTask> tasks = new ArrayList<>();

        assertThat(source.scan(tasks::add, ScanListener.NONE, () -> false)).isEqualTo(9);
        assertThat(source.gone()).isEqualTo(1);
    }

    @Test
    void aManifestNamingAPathOutsideTheInboxIsRefusedFileByFile() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.writeString(root.resolve("secret.txt"), "# not yours\n");
        Files.writeString(inbox.resolve("mine.md"), "# mine\n");
        Path manifest = root.resolve("hostile.manifest");
        try (PartitionManifest.Writer writer = new PartitionManifest.Writer(manifest)) {
            writer.add(new PartitionManifest.Entry("../secret.txt", 12, 0644));
            writer.add(new PartitionManifest.Entry("mine.md", 7, 0644));
            writer.finish();
        }
        List<FileTask> tasks = new ArrayList<>();
        List<String> refused = new ArrayList<>();

        new ManifestSource(manifest, inbox).scan(tasks::add, (path, reason) -> refused.add(path + ": " + reason), () -> false);

        assertThat(tasks).extracting(FileTask::relativeName).containsExactly("mine.md");
        assertThat(refused).singleElement().asString().contains("secret.txt", "outside the inbox");
    }

    @Test
    void aTruncatedManifestIsRefusedNotReadAsAShortPartition() throws Exception {
        Path manifest = root.resolve("p.manifest");
        try (PartitionManifest.Writer writer = new PartitionManifest.Writer(manifest)) {
            for (int i = 0; i < 100; i++) {
                writer.add(new PartitionManifest.Entry("file-" + i + ".md", i, 0644));
            }
            writer.finish();
        }
        byte[] whole = Files.readAllBytes(manifest);
        Files.write(manifest, Arrays.copyOf(whole, whole.length - 20));

        assertThatThrownBy(() -> PartitionManifest.read(manifest, entry -> true))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    @Test
    void aManifestPathOutsideThePartitionsDirectoryIsRefused() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "filemill.inbox", Files.createDirectories(root.resolve("inbox")).toString(),
                "filemill.processed", root.resolve("processed").toString(), "filemill.failed", root.resolve("failed").toString(),
                "filemill.home", root.resolve("state").toString())));
        RunSettings settings = RunSettings.readOnly(ConfigurationCheck.check(environment));

        assertThatThrownBy(() -> PartitionDirectories.manifest(settings, "../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }
}
