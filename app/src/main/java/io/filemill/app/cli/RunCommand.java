package io.filemill.app.cli;

import io.filemill.app.job.RunService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code filemill run}: processes every ready file of the inbox once. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Retitle every ready file in the inbox and deliver it; failures go to the failed directory.",
        footer = {"", "Exit codes:", "  0   all files delivered", "  1   finished, some files went to the failed directory",
                "  2   fatal error or bad configuration", "  75  another run holds the lock"})
final class RunCommand implements Callable<Integer> {

    private final FilemillCli.CommandContext context;

    @Mixin
    RunOptions options;

    @Option(names = "--dry-run", description = "Print old title -> new title for each file; touch nothing.")
    boolean dryRun;

    RunCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        // on SIGTERM the run stops itself (RunService); this keeps the JVM up until it is recorded and closed
        Thread awaitClose = new Thread(() -> {
            try {
                closed.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "await-close");
        Runtime.getRuntime().addShutdownHook(awaitClose);
        try (ConfigurableApplicationContext spring = SpringContexts.startRunning(options.toProperties(),
                context.propertyArguments(), org.springframework.boot.WebApplicationType.NONE)) {
            return spring.getBean(RunService.class)
                    .run(new RunService.Request(dryRun, context.terminal(), context.out(), context.err()));
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(awaitClose);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and returns now
            }
        }
    }
}
