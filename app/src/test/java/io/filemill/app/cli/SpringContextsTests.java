package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.job.StateLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

/** The configuration read before Spring starts, to take the run locks early, agrees with Spring's. */
class SpringContextsTests {

    @TempDir
    Path root;

    @Test
    void aConfigFileNamesTheStateDirectoryAndInboxBeforeSpringStarts() throws Exception {
        Path config = Files.writeString(root.resolve("filemill.yml"),
                "filemill:\n  home: " + root.resolve("state") + "\n  inbox: " + root.resolve("in") + "\n");
        Environment early = SpringContexts.configuration(
                Map.of("spring.config.additional-location", "optional:file:" + config), List.of());
        assertThat(StateLock.home(early)).isEqualTo(root.resolve("state"));
        assertThat(StateLock.inbox(early)).isEqualTo(root.resolve("in"));
    }

    @Test
    void commandOptionsWinOverPropertyArgumentsWhichWinOverConfigFiles() throws Exception {
        Path config = Files.writeString(root.resolve("filemill.yml"),
                "filemill:\n  home: " + root.resolve("from-file") + "\n  inbox: " + root.resolve("in-file") + "\n");
        Environment early = SpringContexts.configuration(
                Map.of("spring.config.additional-location", "optional:file:" + config,
                        "filemill.home", root.resolve("from-option").toString()),
                List.of("--filemill.home=" + root.resolve("from-argument"), "--filemill.inbox=" + root.resolve("in-arg")));
        assertThat(StateLock.home(early)).isEqualTo(root.resolve("from-option"));
        assertThat(StateLock.inbox(early)).isEqualTo(root.resolve("in-arg"));
    }

    @Test
    void withoutAnySettingTheDefaultsUnderWorkApply() {
        Environment early = SpringContexts.configuration(Map.of(), List.of());
        assertThat(StateLock.home(early)).isEqualTo(Path.of("work/state").toAbsolutePath());
        assertThat(StateLock.inbox(early)).isEqualTo(Path.of("work/inbox").toAbsolutePath());
    }

    @Test
    void theSpringSettingsOfAConfigFileReachTheContext() throws Exception {
        Path config = Files.writeString(root.resolve("filemill.yml"),
                "spring:\n  datasource:\n    url: jdbc:h2:file:" + root.resolve("elsewhere/jobs") + "\n"
                        + "filemill:\n  home: " + root.resolve("state") + "\n");
        try (var spring = SpringContexts.startRecording(
                Map.of("spring.config.additional-location", "file:" + config), List.of())) {
            assertThat(spring.getEnvironment().getProperty("spring.datasource.url")).endsWith("elsewhere/jobs");
        }
    }
}
