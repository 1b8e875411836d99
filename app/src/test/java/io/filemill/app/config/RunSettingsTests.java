package io.filemill.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.pipeline.deliver.CollisionPolicy;
import io.filemill.pipeline.deliver.Durability;
import io.filemill.pipeline.deliver.ForceMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSettingsTests {

    @TempDir
    Path root;

    private FilemillProperties properties(Path inbox, Path processed, Path failed, Path home, List<String> rules) {
        return properties(inbox, processed, failed, home, rules, new FilemillProperties.Stages(
                new FilemillProperties.Stage(null, null), new FilemillProperties.Stage(null, null)));
    }

    private FilemillProperties properties(Path inbox, Path processed, Path failed, Path home, List<String> rules,
                                          FilemillProperties.Stages stages) {
        return properties(inbox, processed, failed, home, rules, stages, FilemillProperties.Mode.THREAD, Durability.DURABLE);
    }

    private FilemillProperties properties(Path inbox, Path processed, Path failed, Path home, List<String> rules,
                                          FilemillProperties.Stages stages, FilemillProperties.Mode mode,
                                          Durability durability) {
        return new FilemillProperties(inbox, processed, failed, home, 2, mode, rules,
                new FilemillProperties.Scan(false, List.of(), List.of(), Duration.ZERO, null, 4),
                new FilemillProperties.Delivery(CollisionPolicy.SUFFIX, durability, 256,
                        FilemillProperties.CrossDevice.REFUSE, ForceMethod.FILE_SYSTEM),
                new FilemillProperties.Title(4096, Duration.ofSeconds(30)), stages,
                new FilemillProperties.Worker(List.of(), 4, Duration.ofMinutes(1), Duration.ofSeconds(30), 5,
                        Duration.ofSeconds(10), false),
                new FilemillProperties.Schedule("0 0 2 * * *", "", FilemillProperties.Misfire.RUN_ONCE, 8081),
                new FilemillProperties.Stop(Duration.ofSeconds(10)), new FilemillProperties.Watch(Duration.ofMinutes(1)),
                new FilemillProperties.Cluster(0, "filemill.requests", Duration.ofSeconds(1), Duration.ofHours(12), 1, Duration.ofMinutes(1), 8082));
    }

    private FilemillProperties valid() throws IOException {
        return properties(Files.createDirectories(root.resolve("in")), root.resolve("out"), root.resolve("bad"),
                root.resolve("state"), List.of("trim"));
    }

    @Test
    void createsMissingOutputDirectoriesAndResolvesAbsolutePaths() throws IOException {
        RunSettings settings = RunSettings.from(valid());
        assertThat(settings.processed()).isAbsolute().isDirectory();
        assertThat(settings.failed()).isDirectory();
        assertThat(settings.home()).isDirectory();
        assertThat(settings.rules().specs()).containsExactly("trim");
    }

    @Test
    void stageSettingsOverrideTheTopLevelModeAndWorkers() throws IOException {
        Path in = Files.createDirectories(root.resolve("in"));
        RunSettings settings = RunSettings.from(properties(in, root.resolve("out"), root.resolve("bad"),
                root.resolve("state"), List.of(), new FilemillProperties.Stages(
                        new FilemillProperties.Stage(FilemillProperties.Mode.PROCESS, 3),
                        new FilemillProperties.Stage(null, 1))));
        assertThat(settings.retitle()).isEqualTo(new RunSettings.StagePlan(FilemillProperties.Mode.PROCESS, 3));
        assertThat(settings.deliver()).isEqualTo(new RunSettings.StagePlan(FilemillProperties.Mode.THREAD, 1));
        assertThat(settings.modeName()).isEqualTo("mixed");
    }

    @Test
    void durableDeliveryOnThreadsCommitsTwoBatchesAtOnceByDefaultAndEverythingElseOne() throws IOException {
        Path in = Files.createDirectories(root.resolve("in"));
        FilemillProperties.Stages defaults = new FilemillProperties.Stages(
                new FilemillProperties.Stage(null, null), new FilemillProperties.Stage(null, null));
        assertThat(deliverPlan(in, FilemillProperties.Mode.THREAD, Durability.DURABLE, defaults))
                .isEqualTo(new RunSettings.StagePlan(FilemillProperties.Mode.THREAD, 2));
        assertThat(deliverPlan(in, FilemillProperties.Mode.THREAD, Durability.FAST, defaults))
                .isEqualTo(new RunSettings.StagePlan(FilemillProperties.Mode.THREAD, 1));
        assertThat(deliverPlan(in, FilemillProperties.Mode.PROCESS, Durability.DURABLE, defaults))
                .isEqualTo(new RunSettings.StagePlan(FilemillProperties.Mode.PROCESS, 1));
        FilemillProperties.Stages deliverOnThreads = new FilemillProperties.Stages(
                new FilemillProperties.Stage(null, null), new FilemillProperties.Stage(FilemillProperties.Mode.THREAD, null));
        assertThat(deliverPlan(in, FilemillProperties.Mode.PROCESS, Durability.DURABLE, deliverOnThreads))
                .isEqualTo(new RunSettings.StagePlan(FilemillProperties.Mode.THREAD, 2));
        FilemillProperties.Stages oneCommitter = new FilemillProperties.Stages(
                new FilemillProperties.Stage(null, null), new FilemillProperties.Stage(null, 1));
        assertThat(deliverPlan(in, FilemillProperties.Mode.THREAD, Durability.DURABLE, oneCommitter))
                .isEqualTo(new RunSettings.StagePlan(FilemillProperties.Mode.THREAD, 1));
    }

    private RunSettings.StagePlan deliverPlan(Path inbox, FilemillProperties.Mode mode, Durability durability,
                                              FilemillProperties.Stages stages) {
        return RunSettings.from(properties(inbox, root.resolve("out"), root.resolve("bad"), root.resolve("state"),
                List.of(), stages, mode, durability)).deliver();
    }

    @Test
    void refusesFailedInsideProcessed() throws IOException {
        Path in = Files.createDirectories(root.resolve("in"));
        assertThatThrownBy(() -> RunSettings.from(properties(in, root.resolve("out"), root.resolve("out/bad"),
                root.resolve("state"), List.of())))
                .isInstanceOf(ConfigurationProblem.class).hasMessageContaining("failed").hasMessageContaining("processed");
    }

    @Test
    void refusesInboxInsideTheStateDirectory() throws IOException {
        Path in = Files.createDirectories(root.resolve("state/in"));
        assertThatThrownBy(() -> RunSettings.from(properties(in, root.resolve("out"), root.resolve("bad"),
                root.resolve("state"), List.of())))
                .isInstanceOf(ConfigurationProblem.class).hasMessageStartingWith("home ");
    }

    @Test
    void refusesTheStateDirectoryInsideProcessed() throws IOException {
        Path in = Files.createDirectories(root.resolve("in"));
        assertThatThrownBy(() -> RunSettings.from(properties(in, root.resolve("out"), root.resolve("bad"),
                root.resolve("out/state"), List.of())))
                .isInstanceOf(ConfigurationProblem.class).hasMessageStartingWith("home ").hasMessageContaining("processed");
    }

    @Test
    void refusesProcessedThatALinkPutsInsideTheInbox() throws IOException {
        Path in = Files.createDirectories(root.resolve("in"));
        Files.createDirectories(in.resolve("out"));
        Path link = Files.createSymbolicLink(root.resolve("out-link"), in.resolve("out"));
        assertThatThrownBy(() -> RunSettings.from(properties(in, link, root.resolve("bad"), root.resolve("state"),
                List.of())))
                .isInstanceOf(ConfigurationProblem.class).hasMessageContaining("(after links)")
                .hasMessageContaining("processed").hasMessageContaining("inbox");
    }

    @Test
    void refusesPathsThatTraverseUpwards() throws IOException {
        Path in = Files.createDirectories(root.resolve("in"));
        assertThatThrownBy(() -> RunSettings.from(properties(in, root.resolve("x/../out"), root.resolve("bad"),
                root.resolve("state"), List.of())))
                .isInstanceOf(ConfigurationProblem.class).hasMessageContaining("must not contain '..'");
    }

    @Test
    void refusesAnInboxThatIsAFile() throws IOException {
        Path file = Files.writeString(root.resolve("file"), "x");
        assertThatThrownBy(() -> RunSettings.from(properties(file, root.resolve("out"), root.resolve("bad"),
                root.resolve("state"), List.of())))
                .isInstanceOf(ConfigurationProblem.class).hasMessageContaining("is not a directory");
    }
}
