package io.filemill.app.cli;

import io.filemill.pipeline.concurrent.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;

/**
 * A command's configuration, read on a thread of its own from the moment the command line is
 * split, while picocli builds and parses the command (about 0.15 s of a 0.6 s start on two
 * cores). Reading it through Spring Boot's config data loader takes about 0.25 s, most of it cold
 * code; before this the two ran one after the other.
 * <p>
 * The read ahead knows the {@code --spring.*}-style arguments but not the command's options, which
 * are added as the highest-precedence source once parsed. That gives what
 * {@link SpringContexts#configuration} gives for the final options exactly when the options could
 * not change which files the loader reads: they set no {@code spring.*} key, the arguments the
 * command added set none either, and no setting that steers the loader (the {@code spring.config.*}
 * and {@code spring.profiles.*} keys) holds a placeholder, which an option could resolve. Otherwise
 * the configuration is read again, as it would have been without the read ahead.
 */
final class ConfigurationAhead {

    private static final String COMMAND_OPTIONS = "filemill-command-options";

    private final List<String> propertyArguments;
    private final CompletableFuture<ConfigurableEnvironment> read;
    private final AtomicBoolean taken = new AtomicBoolean();

    private ConfigurationAhead(List<String> propertyArguments, CompletableFuture<ConfigurableEnvironment> read) {
        this.propertyArguments = propertyArguments;
        this.read = read;
    }

    /** No read ahead: for the commands that read no configuration, every read is made when asked. */
    static ConfigurationAhead none() {
        ConfigurationAhead none = new ConfigurationAhead(List.of(), CompletableFuture.completedFuture(null));
        none.taken.set(true);
        return none;
    }

    /**
     * Starts reading the configuration that {@code propertyArguments} (the command line's
     * {@code --filemill.*}-style arguments) and the environment give.
     */
    static ConfigurationAhead start(List<String> propertyArguments) {
        List<String> arguments = List.copyOf(propertyArguments);
        CompletableFuture<ConfigurableEnvironment> read = new CompletableFuture<>();
        Threads.startDaemon("read-configuration", () -> {
            try {
                read.complete(SpringContexts.configuration(Map.of(), arguments));
            } catch (Throwable e) {
                read.completeExceptionally(e);
            }
        });
        return new ConfigurationAhead(arguments, read);
    }

    /**
     * The configuration for the command's {@code options} and its final {@code propertyArguments}
     * (the command line's, with those its options add, such as {@code -v}'s logging levels), as
     * {@link SpringContexts#configuration} reads it. The read ahead serves the first call; later
     * calls read afresh.
     *
     * @throws io.filemill.app.config.ConfigurationProblem when a configuration file cannot be read
     */
    ConfigurableEnvironment configuration(Map<String, Object> options, List<String> finalPropertyArguments) {
        List<String> added = new ArrayList<>(finalPropertyArguments);
        propertyArguments.forEach(added::remove);
        if (taken.getAndSet(true) || options.keySet().stream().anyMatch(key -> key.startsWith("spring."))
                || added.stream().anyMatch(argument -> argument.startsWith("--spring."))) {
            return SpringContexts.configuration(options, finalPropertyArguments);
        }
        ConfigurableEnvironment environment;
        try {
            environment = read.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (steersTheLoaderWithAPlaceholder(environment)) {
            return SpringContexts.configuration(options, finalPropertyArguments);
        }
        MutablePropertySources sources = environment.getPropertySources();
        if (!added.isEmpty()) {
            sources.replace(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME,
                    new SimpleCommandLinePropertySource(finalPropertyArguments.toArray(String[]::new)));
        }
        sources.addFirst(new MapPropertySource(COMMAND_OPTIONS, options));
        return environment;
    }

    /** Whether a {@code spring.config.*} or {@code spring.profiles.*} value refers to another setting. */
    private static boolean steersTheLoaderWithAPlaceholder(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            for (String name : names.getPropertyNames()) {
                if (ConfigurationFiles.isLoaderSetting(name) && String.valueOf(source.getProperty(name)).contains("${")) {
                    return true;
                }
            }
        }
        return false;
    }
}
