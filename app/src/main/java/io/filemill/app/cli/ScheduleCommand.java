package io.filemill.app.cli;

import io.filemill.app.schedule.NightlyScheduler;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code filemill schedule}: stays up and starts a run at every fire time of a cron expression. On
 * SIGTERM or Ctrl-C it lets a run in progress stop cleanly (no new files, files in flight
 * finished, the run recorded) and exits 0.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Run the job at every fire time of a cron expression (default nightly at 02:00), until stopped.")
final class ScheduleCommand implements Callable<Integer> {

    private final FilemillCli.CommandContext context;

    @Mixin(name = LoggingOptions.MIXIN)
    LoggingOptions logging;

    @Mixin
    RunOptions options;

    @Option(names = "--cron", paramLabel = "EXPR", description = "Spring cron expression with six fields (seconds first), e.g. '0 30 1 * * MON-FRI' "
            + "(default '0 0 2 * * *'; filemill.schedule.cron).")
    String cron;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of the expression, e.g. Europe/Paris (default the system's; filemill.schedule.zone).")
    String zone;

    @Option(names = "--misfire", paramLabel = "run-once|skip",
            description = "A fire time missed while filemill was down: run-once at start, or skip it "
                    + "(default run-once; filemill.schedule.misfire).")
    String misfire;

    ScheduleCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> properties = options.toProperties();
        if (cron != null) {
            properties.put("filemill.schedule.cron", cron);
        }
        if (zone != null) {
            properties.put("filemill.schedule.zone", zone);
        }
        if (misfire != null) {
            properties.put("filemill.schedule.misfire", misfire);
        }
        try (ConfigurableApplicationContext spring = SpringContexts.startRunning(
                context.configuration(properties), properties, context.propertyArguments(),
                WebApplicationType.SERVLET)) {
            NightlyScheduler scheduler = spring.getBean(NightlyScheduler.class);
            return StayingUp.run("schedule", context, spring, scheduler::stop,
                    () -> scheduler.runUntilStopped(context.out(), context.err(), context.shutdown()));
        }
    }
}
