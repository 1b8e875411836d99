package io.filemill.app.cli;

import io.filemill.app.stop.Shutdown;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@code schedule} and {@code watch} share: they say where they serve health and metrics,
 * run until SIGTERM or Ctrl-C asks them to stop (a run in progress stops through its own
 * registration and grace), and a requested stop is a clean end (exit 0).
 */
final class StayingUp {

    /** The command's loop: runs until {@code stop} is called. */
    @FunctionalInterface
    interface Loop {
        void runUntilStopped() throws Exception;
    }

    private StayingUp() {
    }

    static int run(String command, FilemillCli.CommandContext context, ConfigurableApplicationContext spring,
                   Runnable stop, Loop loop) throws Exception {
        LoggerFactory.getLogger(StayingUp.class).info("{}: health on http://{}:{}/actuator/health, metrics on "
                + "/actuator/metrics and /actuator/prometheus", command,
                spring.getEnvironment().getProperty("server.address", "127.0.0.1"),
                spring.getEnvironment().getProperty("local.server.port", "?"));
        try (AutoCloseable registration = context.shutdown().register(Shutdown.Stoppable.stopping(stop), Duration.ZERO)) {
            loop.runUntilStopped();
        }
        return ExitCodes.OK;
    }
}
