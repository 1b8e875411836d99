package io.filemill.app.cli;

import io.filemill.app.cluster.ClusterChecks;
import io.filemill.app.cluster.ClusterManagerConfiguration;
import io.filemill.app.cluster.ClusterRunService;
import io.filemill.app.config.ConfigurationCheck;
import io.filemill.app.config.FilemillProperties;
import io.filemill.app.config.RunSettings;
import io.filemill.app.job.DryRun;
import io.filemill.app.job.RecordedRunMarker;
import io.filemill.app.job.RunLocks;
import io.filemill.app.job.RunService;
import io.filemill.app.job.StartedRun;
import io.filemill.app.worker.StageRunners;
import io.filemill.pipeline.scan.InboxScanner;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code filemill run}: processes every ready file of the inbox once. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Retitle every ready file in the inbox and deliver it; failures go to the failed directory.",
        footer = {"", "Exit codes:", "  0   all files delivered", "  1   finished, some files went to the failed directory",
                "  2   fatal error or bad configuration", "  75  another run holds the lock",
                "  130 stopped by Ctrl-C (SIGINT), 143 stopped by SIGTERM: files in flight finish",
                "      within filemill.stop.grace, the rest stays in the inbox; the run is recorded STOPPED"})
final class RunCommand implements Callable<Integer>, EarlyLogging.FromConfiguration {

    private final FilemillCli.CommandContext context;

    @Mixin(name = LoggingOptions.MIXIN)
    LoggingOptions logging;

    @Mixin
    RunOptions options;

    @Option(names = "--dry-run", description = "Print old title -> new title for each file; write nothing, "
            + "take no lock.")
    boolean dryRun;

    RunCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (dryRun) {
            // reads only: no Spring, no lock, no job repository, nothing created
            ConfigurableEnvironment configured = context.configuration(options.toProperties());
            FilemillProperties properties = ConfigurationCheck.check(configured);
            EarlyLogging.initialize(configured);
            DryRun.preview(RunSettings.readOnly(properties), context.out());
            return ExitCodes.OK;
        }
        Map<String, Object> commandOptions = options.toProperties();
        ConfigurableEnvironment configured = context.configuration(commandOptions);
        FilemillProperties properties = ConfigurationCheck.check(configured);
        RunSettings.check(properties); // refused before anything is written: no lock file, no directory
        if (properties.cluster().partitions() > 0) {
            if (FullClassPath.isLean()) {
                FullClassPath.rerun(context.arguments()); // exits the JVM
            }
            ClusterChecks.requireSharedRepository(configured, "cluster.partitions=" + properties.cluster().partitions());
            return acrossMachines(configured, commandOptions, RunSettings.from(properties));
        }
        RunSettings settings = RunSettings.from(properties);
        try (RunLocks locks = RunLocks.acquire(settings.home(), settings.inbox())) {
            boolean deadRunToMark = RecordedRunMarker.leftByADeadRun(settings.home());
            if (!deadRunToMark && InboxScanner.holdsNothingToTake(settings.inbox())) {
                return nothingToDo(settings); // not even logging to set up
            }
            EarlyLogging.initialize(configured);
            RunService.Request request = new RunService.Request(context.terminal() && !logging.quiet, context.out(),
                    context.err(), context.shutdown());
            try (StartedRun run = StartedRun.start(settings, new StageRunners(settings), request)) {
                // the files stream while Spring and the job repository start; an inbox of nothing to take needs neither
                if (!run.hasAnythingToRecord() && !deadRunToMark) {
                    return nothingToDo(settings);
                }
                try (ConfigurableApplicationContext spring = SpringContexts.startRecording(commandOptions,
                        context.propertyArguments())) {
                    return ExitCodes.of(spring.getBean(RunService.class).record(run), context.shutdown());
                }
            }
        }
    }

    /**
     * The run as the manager of a job across machines ({@link ClusterRunService}): it holds the run
     * locks, lists the inbox into partitions and follows the nodes that take them.
     */
    private int acrossMachines(ConfigurableEnvironment configured, Map<String, Object> commandOptions,
                               RunSettings settings) throws Exception {
        try (RunLocks locks = RunLocks.acquire(settings.home(), settings.inbox())) {
            if (InboxScanner.holdsNothingToTake(settings.inbox())) {
                return nothingToDo(settings);
            }
            EarlyLogging.initialize(configured);
            RunService.Request request = new RunService.Request(false, context.out(), context.err(), context.shutdown());
            try (ConfigurableApplicationContext spring = SpringContexts.startWith(commandOptions,
                    context.propertyArguments(), ClusterManagerConfiguration.class, Map.of())) {
                ClusterChecks.reachBroker(spring);
                return ExitCodes.of(spring.getBean(ClusterRunService.class).run(settings, request), context.shutdown());
            }
        }
    }

    /**
     * An inbox with no file in it, and no run that died while recorded as running (which the next
     * recorded run marks failed): no run to record, so neither Spring nor the job repository starts.
     * What an interrupted run may have left (a journal, a staged copy) is finished by the next run
     * that finds a file; its originals would be files here.
     */
    private int nothingToDo(RunSettings settings) {
        context.out().println("filemill: nothing to do: " + settings.inbox() + " has no files; no run recorded");
        return ExitCodes.OK;
    }
}
