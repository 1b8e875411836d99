package io.filemill.app.cli;

import io.filemill.app.FilemillApplication;
import io.filemill.app.job.RunLock;
import io.filemill.app.job.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the Spring application for a command. Command options become the property source with the
 * highest precedence; {@code --filemill.x=y} style arguments are passed to Spring as they are.
 */
final class SpringContexts {

    private SpringContexts() {
    }

    /** Starts the application for a command that only reads (history, show): no lock, no web server. */
    static ConfigurableApplicationContext start(Map<String, Object> options, List<String> propertyArguments) {
        return builder(options, WebApplicationType.NONE).run(propertyArguments.toArray(String[]::new));
    }

    /**
     * Starts the application for a command that runs the job: it holds the run lock for its life
     * ({@link StateLock}); {@code schedule} also serves health and metrics ({@code SERVLET}). When
     * the command line names the state directory, the lock is taken before Spring starts, so a
     * second process exits 75 at once; otherwise it is taken as soon as the configuration is read.
     */
    static ConfigurableApplicationContext startRunning(Map<String, Object> options, List<String> propertyArguments,
                                                       WebApplicationType type) throws IOException {
        RunLock early = null;
        Object home = options.containsKey("filemill.home") ? options.get("filemill.home") : propertyHome(propertyArguments);
        if (home != null) {
            early = RunLock.acquire(Files.createDirectories(Path.of(home.toString()).toAbsolutePath().normalize()));
        }
        try {
            return builder(options, type).initializers(StateLock.initializer(early))
                    .run(propertyArguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            if (early != null) {
                early.close();
            }
            throw e;
        }
    }

    /** The state directory a {@code --filemill.home=DIR} argument names, the last one winning, or null. */
    private static String propertyHome(List<String> propertyArguments) {
        String home = null;
        for (String argument : propertyArguments) {
            if (argument.startsWith("--filemill.home=")) {
                home = argument.substring("--filemill.home=".length());
            }
        }
        return home;
    }

    private static SpringApplicationBuilder builder(Map<String, Object> options, WebApplicationType type) {
        return new SpringApplicationBuilder(FilemillApplication.class)
                .web(type)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // commands close their context themselves, after the run has ended and been recorded;
                // Spring's own hook would close the job repository under a run that SIGTERM is stopping
                .registerShutdownHook(false)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("filemill-command-options", options)));
    }
}
