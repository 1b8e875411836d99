package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration files read without Spring Boot's config-data loader are the loader's, with the
 * loader's precedence, and whatever only the loader does is left to it. Each case runs in a JVM of
 * its own, whose working directory holds the case's files (the loader reads {@code ./} and
 * {@code ./config/} of the process).
 */
class ConfigurationFilesTests {

    @TempDir
    Path root;

    @Test
    void withNoFileInTheWorkingDirectoryOnlyTheApplicationsOwnIsRead() throws Exception {
        List<String> lines = probe(root);
        assertThat(lines).first().isEqualTo("read");
        assertThat(lines).noneMatch(line -> line.startsWith("differs"));
        assertThat(Integer.parseInt(count(lines))).as("the application's own settings").isPositive();
    }

    @Test
    void filesInTheWorkingDirectoryAndItsConfigWinAsTheLoaderLetsThem() throws Exception {
        write("application.yml", "filemill:\n  workers: 3\n  scan:\n    recursive: true\n  home: yml-home\n");
        write("application.properties", "filemill.workers=4\nfilemill.inbox=properties-inbox\n");
        write("config/application.yml", "filemill:\n  workers: 5\n  failed: config-yml-failed\n");
        write("config/application.yaml", "filemill:\n  workers: 6\n  failed: config-yaml-failed\n  processed: yaml\n");
        write("config/application.properties", "filemill.processed=config-properties\n");
        List<String> lines = probe(root);
        assertThat(lines).first().isEqualTo("read");
        assertThat(lines).noneMatch(line -> line.startsWith("differs"));
    }

    @Test
    void anExtraFileNamedByTheOptionsWinsOverTheOthers() throws Exception {
        write("config/application.yml", "filemill:\n  workers: 5\n  home: config-home\n");
        Path extra = write("elsewhere/extra.yml", "filemill:\n  workers: 9\n");
        Path properties = write("elsewhere/extra.properties", "filemill.workers=8\n");
        for (Path file : List.of(extra, properties)) {
            List<String> lines = probe(root, "--spring.config.additional-location=file:" + file);
            assertThat(lines).first().isEqualTo("read");
            assertThat(lines).noneMatch(line -> line.startsWith("differs"));
        }
    }

    @Test
    void whatOnlyTheLoaderDoesIsLeftToIt() throws Exception {
        Path profiles = write("profiles/config/application.yml",
                "filemill:\n  workers: 2\n---\nspring:\n  config:\n    activate:\n      on-profile: night\nfilemill:\n  workers: 7\n");
        Path defaults = write("defaults/application-default.properties", "filemill.workers=2\n");
        Path nested = write("nested/config/more/application.properties", "filemill.workers=2\n");
        Path imports = write("imports/application.properties", "spring.config.import=optional:file:./more.yml\n");
        Path extra = write("extra/config/application.yml", "spring:\n  config:\n    additional-location: file:/x.yml\n");
        for (Path dir : List.of(profiles.getParent().getParent(), defaults.getParent(),
                nested.getParent().getParent().getParent(), imports.getParent(), extra.getParent().getParent())) {
            assertThat(probe(dir)).as(dir.toString()).containsExactly("left to the loader");
        }
        Files.createDirectories(root.resolve("plain"));
        assertThat(probe(root.resolve("plain"), "--spring.profiles.active=night")).containsExactly("left to the loader");
        assertThat(probe(root.resolve("plain"), "--spring.config.additional-location=optional:file:/no/such.yml"))
                .containsExactly("left to the loader");
    }

    private Path write(String name, String content) throws Exception {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static String count(List<String> lines) {
        return lines.get(lines.size() - 1).replace("settings compared: ", "");
    }

    private static List<String> probe(Path workingDirectory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                ConfigurationFilesProbe.class.getName()));
        command.addAll(List.of(arguments));
        Process probe = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
