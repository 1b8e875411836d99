package io.filemill.app.cli;

import io.filemill.app.config.ConfigurationCheck;
import io.filemill.app.config.FilemillProperties;
import io.filemill.app.config.RunSettings;
import io.filemill.app.job.DryRun;
import io.filemill.app.job.RunResult;
import io.filemill.app.job.RunService;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
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
final class RunCommand implements Callable<Integer> {

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
            FilemillProperties properties = ConfigurationCheck.check(SpringContexts.configuration(options.toProperties(),
                    context.propertyArguments()));
            DryRun.preview(RunSettings.readOnly(properties), context.out());
            return ExitCodes.OK;
        }
        try (ConfigurableApplicationContext spring = SpringContexts.startRunning(options.toProperties(),
                context.propertyArguments(), WebApplicationType.NONE)) {
            RunResult result = spring.getBean(RunService.class).run(new RunService.Request(
                    context.terminal() && !logging.quiet, context.out(), context.err(), context.shutdown()));
            return ExitCodes.of(result, context.shutdown());
        }
    }
}
