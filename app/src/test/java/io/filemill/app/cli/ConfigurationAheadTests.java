package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/** The configuration read ahead of the command's options gives what a read made with them gives. */
class ConfigurationAheadTests {

    private static final List<String> KEYS = List.of("filemill.home", "filemill.inbox", "filemill.workers",
            "filemill.delivery.durability", "logging.level.io.filemill", "spring.datasource.url");

    @TempDir
    Path root;

    @Test
    void optionsAndAddedArgumentsWinOverWhatWasReadAhead() {
        List<String> arguments = List.of("--filemill.workers=3", "--filemill.home=" + root.resolve("from-argument"));
        List<String> finalArguments = new ArrayList<>(arguments);
        finalArguments.add("--logging.level.io.filemill=DEBUG"); // what -v adds once parsed
        Map<String, Object> options = Map.of("filemill.home", root.resolve("from-option").toString(),
                "filemill.delivery.durability", "fast");

        ConfigurableEnvironment ahead = ConfigurationAhead.start(arguments).configuration(options, finalArguments);

        assertSameAs(ahead, SpringContexts.configuration(options, finalArguments));
        assertThat(ahead.getProperty("filemill.home")).isEqualTo(root.resolve("from-option").toString());
        assertThat(ahead.getProperty("filemill.workers")).isEqualTo("3");
        assertThat(ahead.getProperty("logging.level.io.filemill")).isEqualTo("DEBUG");
    }

    @Test
    void aConfigFileTheOptionsNameIsRead() throws Exception {
        Path config = Files.writeString(root.resolve("extra.yml"), "filemill:\n  workers: 7\n");
        Map<String, Object> options = Map.of("spring.config.additional-location", "file:" + config);

        ConfigurableEnvironment ahead = ConfigurationAhead.start(List.of()).configuration(options, List.of());

        assertThat(ahead.getProperty("filemill.workers")).isEqualTo("7");
        assertSameAs(ahead, SpringContexts.configuration(options, List.of()));
    }

    @Test
    void aConfigLocationWithAPlaceholderThatAnOptionResolvesIsRead() throws Exception {
        Path home = Files.createDirectories(root.resolve("home"));
        Files.writeString(home.resolve("extra.yml"), "filemill:\n  workers: 5\n");
        List<String> arguments = List.of("--spring.config.additional-location=optional:file:${filemill.home}/extra.yml");
        Map<String, Object> options = Map.of("filemill.home", home.toString());

        ConfigurableEnvironment ahead = ConfigurationAhead.start(arguments).configuration(options, arguments);

        assertThat(ahead.getProperty("filemill.workers")).isEqualTo("5");
        assertSameAs(ahead, SpringContexts.configuration(options, arguments));
    }

    @Test
    void anArgumentAddedAfterTheReadThatSteersTheLoaderIsRead() throws Exception {
        Path config = Files.writeString(root.resolve("extra.properties"), "filemill.workers=6\n");
        List<String> finalArguments = List.of("--spring.config.additional-location=file:" + config);

        ConfigurableEnvironment ahead = ConfigurationAhead.start(List.of()).configuration(Map.of(), finalArguments);

        assertThat(ahead.getProperty("filemill.workers")).isEqualTo("6");
    }

    @Test
    void aSecondReadIsMadeAfresh() {
        ConfigurationAhead configuration = ConfigurationAhead.start(List.of());
        ConfigurableEnvironment first = configuration.configuration(Map.of("filemill.workers", "2"), List.of());
        ConfigurableEnvironment second = configuration.configuration(Map.of("filemill.workers", "4"), List.of());

        assertThat(second).isNotSameAs(first);
        assertThat(first.getProperty("filemill.workers")).isEqualTo("2");
        assertThat(second.getProperty("filemill.workers")).isEqualTo("4");
    }

    @Test
    void theCommandsReadAheadForAreCommands() {
        assertThat(FilemillCommand.SUBCOMMANDS.keySet()).containsAll(FilemillCli.READS_CONFIGURATION);
    }

    /** The same sources in the same order, and the same values for the settings filemill reads first. */
    private static void assertSameAs(ConfigurableEnvironment ahead, ConfigurableEnvironment fresh) {
        assertThat(names(ahead)).isEqualTo(names(fresh));
        for (String key : KEYS) {
            assertThat(ahead.getProperty(key)).as(key).isEqualTo(fresh.getProperty(key));
        }
        for (PropertySource<?> source : fresh.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    if (name.startsWith("filemill.")) {
                        assertThat(ahead.getProperty(name)).as(name).isEqualTo(fresh.getProperty(name));
                    }
                }
            }
        }
    }

    private static List<String> names(ConfigurableEnvironment environment) {
        return environment.getPropertySources().stream().map(PropertySource::getName).toList();
    }
}
