package io.filemill.app.cli;

import io.filemill.app.history.RunHistory;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code filemill history}: past runs, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "List past runs, newest first.")
final class HistoryCommand implements Callable<Integer> {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final FilemillCli.CommandContext context;

    @Option(names = "--home", paramLabel = "DIR", description = "State directory holding the job repository.")
    Path home;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs (default ${DEFAULT-VALUE}).")
    int limit;

    HistoryCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<String, Object> options = new LinkedHashMap<>();
        if (home != null) {
            options.put("filemill.home", home.toString());
        }
        ConfigurableApplicationContext started;
        try {
            started = SpringContexts.start(options, context.propertyArguments());
        } catch (NoJobRepositoryException none) {
            context.out().println("no runs yet: " + none.getMessage());
            return ExitCodes.OK;
        }
        try (ConfigurableApplicationContext spring = started) {
            List<RunHistory.PastRun> runs = spring.getBean(RunHistory.class).latest(Math.max(1, limit));
            context.out().printf("%5s  %-19s  %9s  %-7s  %-40s  %9s  %9s  %7s  %8s  %s%n", "RUN", "STARTED",
                    "DURATION", "MODE", "STAGES", "DELIVERED", "UNCHANGED", "FAILED", "FILES/S", "STATUS");
            for (RunHistory.PastRun run : runs) {
                context.out().printf(Locale.ROOT, "%5d  %-19s  %8.1fs  %-7s  %-40s  %9d  %9d  %7d  %8.1f  %s%n",
                        run.id(), run.started() == null ? "-" : TIME.format(run.started()),
                        run.duration().toMillis() / 1000.0, run.mode(), run.stages(), run.delivered(), run.unchanged(),
                        run.failed(), run.filesPerSecond(), run.status());
            }
            if (runs.isEmpty()) {
                context.out().println("no runs yet");
            }
            return ExitCodes.OK;
        }
    }
}
