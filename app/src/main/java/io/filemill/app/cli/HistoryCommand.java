package io.filemill.app.cli;

import io.filemill.app.config.ConfigurationProblem;
import io.filemill.app.config.FilemillProperties;
import io.filemill.app.history.RunHistory;
import io.filemill.app.report.RunReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code filemill history}: past runs, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "List past runs, newest first.")
final class HistoryCommand implements Callable<Integer> {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final FilemillCli.CommandContext context;

    @Mixin(name = LoggingOptions.MIXIN)
    LoggingOptions logging;

    @Option(names = "--home", paramLabel = "DIR", description = "State directory holding the job repository (default work/state; filemill.home).")
    Path home;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs (default ${DEFAULT-VALUE}).")
    int limit;

    HistoryCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Option(names = "--json", description = "Print the runs as a JSON array, for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new ConfigurationProblem("--limit must be at least 1, not " + limit);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (home != null) {
            options.put("filemill.home", home.toString());
        }
        ConfigurableApplicationContext started;
        try {
            started = SpringContexts.start(context.configuration(options), options, context.propertyArguments());
        } catch (NoJobRepositoryException none) {
            context.out().println(json ? "[]" : "no runs yet: " + none.getMessage());
            return ExitCodes.OK;
        }
        try (ConfigurableApplicationContext spring = started) {
            RunHistory history = spring.getBean(RunHistory.class);
            Path reports = spring.getBean(FilemillProperties.class).home().toAbsolutePath().resolve("runs");
            List<RunHistory.PastRun> runs = new ArrayList<>();
            for (RunHistory.PastRun run : history.latest(limit)) {
                runs.add(withReportedRate(history, run, reports));
            }
            if (json) {
                context.out().println(spring.getBean(RunReportWriter.class).toJson(runs));
                return ExitCodes.OK;
            }
            context.out().printf(Locale.ROOT, "%5s  %-19s  %9s  %-7s  %-40s  %9s  %9s  %7s  %5s  %8s  %s%n", "RUN", "STARTED",
                    "DURATION", "MODE", "STAGES", "DELIVERED", "UNCHANGED", "FAILED", "LEFT", "FILES/S", "STATUS");
            for (RunHistory.PastRun run : runs) {
                context.out().printf(Locale.ROOT, "%5d  %-19s  %8.1fs  %-7s  %-40s  %9d  %9d  %7d  %5d  %8.1f  %s%n",
                        run.id(), run.started() == null ? "-" : TIME.format(run.started()),
                        run.duration().toMillis() / 1000.0, run.mode(), run.stages(), run.delivered(), run.unchanged(),
                        run.failed(), run.left(), run.filesPerSecond(), run.status());
            }
            if (runs.isEmpty()) {
                context.out().println("no runs yet");
            }
            return ExitCodes.OK;
        }
    }

    /** The rate the run's own summary gave, when its report is there. */
    private static RunHistory.PastRun withReportedRate(RunHistory history, RunHistory.PastRun run, Path reports) {
        try {
            return history.report(run.id(), reports).map(report -> run.withRate(report.filesPerSecond())).orElse(run);
        } catch (IOException | RuntimeException unreadable) {
            return run;
        }
    }
}
