package io.filemill.app.cli;

import io.filemill.app.BatchApplication;
import io.filemill.app.FilemillApplication;
import io.filemill.app.cluster.ClusterChecks;
import io.filemill.app.cluster.ClusterManagerConfiguration;
import io.filemill.app.config.ConfigurationCheck;
import io.filemill.app.config.ConfigurationProblem;
import io.filemill.app.config.FilemillProperties;
import io.filemill.app.config.RunSettings;
import io.filemill.app.job.RunLocks;
import io.filemill.app.job.StateLock;
import io.filemill.pipeline.task.IoReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.jms.autoconfigure.JmsAutoConfiguration;
import org.springframework.boot.jms.autoconfigure.health.JmsHealthContributorAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts the Spring application for a command. Command options become the property source with the
 * highest precedence; {@code --filemill.x=y} style arguments are passed to Spring as they are.
 */
final class SpringContexts {

    private static final String ADDITIONAL_LOCATION = "spring.config.additional-location";

    /** The broker's auto-configuration, which only a node uses: schedule and watch leave it out. */
    private static final String WITHOUT_BROKER = String.join(",", ArtemisAutoConfiguration.class.getName(),
            JmsAutoConfiguration.class.getName(), JmsHealthContributorAutoConfiguration.class.getName());

    private SpringContexts() {
    }

    /**
     * Starts the application for a command that only reads (history, show): no lock, no web server,
     * and no database created where there is none. {@code configured} is what {@link #configuration}
     * reads for {@code options} and {@code propertyArguments}.
     *
     * @throws NoJobRepositoryException when the embedded job repository does not exist
     */
    static ConfigurableApplicationContext start(ConfigurableEnvironment configured, Map<String, Object> options,
                                                List<String> propertyArguments) {
        ConfigurationCheck.check(configured);
        Path home = StateLock.home(configured);
        if (!configured.containsProperty("spring.datasource.url") && !Files.isRegularFile(home.resolve("jobrepo.mv.db"))) {
            throw new NoJobRepositoryException(home);
        }
        return builder(options, WebApplicationType.NONE).run(propertyArguments.toArray(String[]::new));
    }

    /**
     * Starts the application for a command that runs the job: it holds the run lock for its life
     * ({@link StateLock}); {@code schedule} also serves health and metrics ({@code SERVLET}). The
     * locks are taken before Spring starts, on the state directory and inbox that the configuration
     * names, so a second process exits 75 at once rather than after Spring's start-up. {@code configured}
     * is what {@link #configuration} reads for {@code options} and {@code propertyArguments}.
     */
    static ConfigurableApplicationContext startRunning(ConfigurableEnvironment configured, Map<String, Object> options,
                                                       List<String> propertyArguments, WebApplicationType type)
            throws IOException {
        // refused before anything is written: no lock file, no job repository, no directory
        FilemillProperties properties = ConfigurationCheck.check(configured);
        RunSettings.check(properties);
        boolean acrossMachines = properties.cluster().partitions() > 0;
        if (acrossMachines) {
            ClusterChecks.requireSharedRepository(configured, "cluster.partitions=" + properties.cluster().partitions());
        }
        RunLocks early = RunLocks.acquire(StateLock.home(configured), StateLock.inbox(configured));
        try {
            if (acrossMachines) {
                // each run is the manager of a run across machines (RunService hands it to ClusterRunService)
                ConfigurableApplicationContext spring = builder(options, type).sources(ClusterManagerConfiguration.class)
                        .initializers(StateLock.initializer(early)).run(propertyArguments.toArray(String[]::new));
                ClusterChecks.reachBroker(spring);
                return spring;
            }
            Map<String, Object> withoutBroker = new LinkedHashMap<>(options);
            withoutBroker.put("spring.autoconfigure.exclude", WITHOUT_BROKER);
            return builder(withoutBroker, type).initializers(StateLock.initializer(early))
                    .run(propertyArguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            if (early != null) {
                early.close();
            }
            throw e;
        }
    }

    /**
     * Starts the lean application that records a run {@code filemill run} started before it (see
     * {@link io.filemill.app.job.StartedRun}); the command holds the run's locks around it.
     */
    static ConfigurableApplicationContext startRecording(Map<String, Object> options, List<String> propertyArguments) {
        return builder(options, WebApplicationType.NONE).run(propertyArguments.toArray(String[]::new));
    }

    /**
     * Starts the lean application with {@code configuration} added to it (what a run across machines
     * or a node needs: the broker) and {@code singletons} registered as beans by name.
     */
    static ConfigurableApplicationContext startWith(Map<String, Object> options, List<String> propertyArguments,
                                                    Class<?> configuration, Map<String, Object> singletons) {
        return startWith(options, propertyArguments, configuration, singletons, WebApplicationType.NONE);
    }

    /** The same, serving health and metrics ({@code SERVLET}) or not ({@code NONE}). */
    static ConfigurableApplicationContext startWith(Map<String, Object> options, List<String> propertyArguments,
                                                    Class<?> configuration, Map<String, Object> singletons,
                                                    WebApplicationType type) {
        return builder(options, type)
                .sources(configuration)
                .initializers(context -> singletons.forEach(context.getBeanFactory()::registerSingleton))
                .run(propertyArguments.toArray(String[]::new));
    }

    /**
     * The configuration, read from the same sources and with the same precedence as the
     * application will: command options, {@code --filemill.*} arguments, system properties,
     * environment variables and Spring Boot's configuration files (as its config data loader reads
     * them, without starting a context: {@link ConfigurationFiles}, or the loader itself).
     *
     * @throws ConfigurationProblem when a configuration file cannot be read or parsed
     */
    static ConfigurableEnvironment configuration(Map<String, Object> options, List<String> propertyArguments) {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            MutablePropertySources sources = environment.getPropertySources();
            sources.addFirst(new SimpleCommandLinePropertySource(propertyArguments.toArray(String[]::new)));
            sources.addFirst(new MapPropertySource("filemill-command-options", options));
            if (!ConfigurationFiles.read(environment, Path.of(""))) {
                ConfigDataEnvironmentPostProcessor.applyTo(environment);
            }
            return environment;
        } catch (IOException unreadable) {
            throw new ConfigurationProblem("cannot read the configuration: " + IoReasons.of(unreadable));
        } catch (RuntimeException unreadable) {
            Throwable cause = unreadable;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String first = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            throw new ConfigurationProblem("cannot read the configuration: " + first);
        }
    }

    private static SpringApplicationBuilder builder(Map<String, Object> options, WebApplicationType type) {
        // the web server, health and metrics are schedule's (SERVLET); the other commands start lean
        Class<?> application = type == WebApplicationType.NONE ? BatchApplication.class : FilemillApplication.class;
        SpringApplicationBuilder builder = new SpringApplicationBuilder(application);
        Object extraFile = options.get(ADDITIONAL_LOCATION);
        if (extraFile != null) {
            // read when the environment is prepared, before any initializer runs: --config's spring.* settings too
            builder.properties(Map.of(ADDITIONAL_LOCATION, extraFile));
        }
        return builder
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
