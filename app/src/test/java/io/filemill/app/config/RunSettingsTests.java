package io.filemill.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.pipeline.deliver.CollisionPolicy;
import io.filemill.pipeline.deliver.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSettingsTests {

    @TempDir
    Path root;

    private FilemillProperties properties(Path inbox, Path processed, Path failed, Path home, List<String> rules) {
        return new FilemillProperties(inbox, processed, failed, home, 2, rules,
                new FilemillProperties.Scan(false, List.of(), List.of()),
                new FilemillProperties.Delivery(CollisionPolicy.SUFFIX, Durability.DURABLE, 256),
                new FilemillProperties.Title(4096));
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
