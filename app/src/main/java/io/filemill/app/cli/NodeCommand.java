package io.filemill.app.cli;

import io.filemill.app.cluster.ClusterChecks;
import io.filemill.app.cluster.ClusterNodeConfiguration;
import io.filemill.app.cluster.NodeWork;
import io.filemill.app.config.ConfigurationCheck;
import io.filemill.app.config.ConfigurationProblem;
import io.filemill.app.config.FilemillProperties;
import io.filemill.app.config.RunSettings;
import io.filemill.app.job.RunService;
import io.filemill.app.stop.Shutdown;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code filemill node}: a long-running worker node of a run across machines. It takes partition
 * requests from the broker and runs each partition through a local pipeline, in thread or process
 * mode as its own configuration says, until SIGTERM or Ctrl-C: then it takes no more requests and
 * the partition in hand stops as a run does (files in flight finish within the stop grace); what
 * is left of it is handed back: the run sends it again, for another node.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Take partitions of runs across machines ('filemill run --partitions N') from the message broker "
                + "(spring.artemis.*) and run them here, until stopped. Needs the shared PostgreSQL job repository "
                + "(spring.datasource.*) and the shared inbox, processed, failed and state directories.",
        footer = {"", "Exit codes:", "  0   stopped by SIGTERM or Ctrl-C", "  2   fatal error or bad configuration"})
final class NodeCommand implements Callable<Integer>, EarlyLogging.FromConfiguration {

    private static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";

    private final FilemillCli.CommandContext context;

    @Mixin(name = LoggingOptions.MIXIN)
    LoggingOptions logging;

    @Mixin
    RunOptions options;

    NodeCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (options.partitions != null) {
            throw new ConfigurationProblem("--partitions is the run's (filemill run --partitions N): a node takes the "
                    + "partitions that runs send");
        }
        Map<String, Object> commandOptions = options.toProperties();
        ConfigurableEnvironment configured = context.configuration(commandOptions);
        FilemillProperties properties = ConfigurationCheck.check(configured);
        RunSettings.check(properties);
        ClusterChecks.requireSharedRepository(configured, "filemill node");
        RunSettings settings = RunSettings.from(properties);
        EarlyLogging.initialize(configured);
        String node = hostName() + ":" + ProcessHandle.current().pid();
        NodeWork work = new NodeWork(settings, new RunService.Request(false, context.out(), context.err(),
                context.shutdown()), node);
        Map<String, Object> serving = new LinkedHashMap<>(commandOptions);
        serving.put("server.port", String.valueOf(properties.cluster().nodePort()));
        if (!configured.containsProperty(POOL_SIZE)) {
            // every partition in hand holds one connection for its fence, and records itself through another
            serving.put(POOL_SIZE, String.valueOf(Math.max(10, 2 * properties.cluster().nodeConsumers() + 2)));
        }
        try (ConfigurableApplicationContext spring = SpringContexts.startWith(serving, context.propertyArguments(),
                ClusterNodeConfiguration.class, Map.of("nodeWork", work), WebApplicationType.SERVLET)) {
            ClusterChecks.reachBroker(spring);
            DefaultMessageListenerContainer requests = spring.getBean(DefaultMessageListenerContainer.class);
            CountDownLatch stopped = new CountDownLatch(1);
            try (AutoCloseable registration = context.shutdown().register(
                    Shutdown.Stoppable.stopping(stopped::countDown), Duration.ZERO)) {
                requests.start();
                LoggerFactory.getLogger(NodeCommand.class).info("node {}: taking partitions from queue {} ({} at a time); "
                        + "health on http://{}:{}/actuator/health, metrics on /actuator/metrics and /actuator/prometheus",
                        node, properties.cluster().queue(), properties.cluster().nodeConsumers(),
                        spring.getEnvironment().getProperty("server.address", "127.0.0.1"),
                        spring.getEnvironment().getProperty("local.server.port", "?"));
                stopped.await();
                requests.stop(); // no more requests; the partition in hand is being stopped by the same signal
                requests.shutdown(); // waits for it: finished, or stopped and handed back to the run
            }
        }
        return ExitCodes.OK;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
