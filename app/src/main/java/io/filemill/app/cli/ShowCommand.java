package io.filemill.app.cli;

import io.filemill.app.config.FilemillProperties;
import io.filemill.app.history.RunHistory;
import io.filemill.app.report.FileProblem;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code filemill show RUN}: one run in detail, with each failed file and its reason. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one run in detail, with each failed file.")
final class ShowCommand implements Callable<Integer> {

    private final FilemillCli.CommandContext context;

    @Mixin(name = LoggingOptions.MIXIN)
    LoggingOptions logging;

    @Parameters(paramLabel = "RUN", description = "The run's id, as history lists it.")
    long id;

    @Option(names = "--home", paramLabel = "DIR", description = "State directory holding the job repository (default work/state; filemill.home).")
    Path home;

    @Option(names = "--json", description = "Print the run's report (or, for a run that did not finish, its record) as JSON.")
    boolean json;

    ShowCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> options = new LinkedHashMap<>();
        if (home != null) {
            options.put("filemill.home", home.toString());
        }
        ConfigurableApplicationContext started;
        try {
            started = SpringContexts.start(context.configuration(options), options, context.propertyArguments());
        } catch (NoJobRepositoryException none) {
            context.err().println("filemill: no run " + id + ": " + none.getMessage());
            return ExitCodes.FATAL;
        }
        try (ConfigurableApplicationContext spring = started) {
            RunHistory history = spring.getBean(RunHistory.class);
            Optional<RunHistory.PastRun> found = history.find(id);
            if (found.isEmpty()) {
                context.err().println("filemill: no run " + id + " in the job repository");
                return ExitCodes.FATAL;
            }
            RunHistory.PastRun run = found.get();
            PrintStream out = context.out();
            Path reports = spring.getBean(FilemillProperties.class).home().toAbsolutePath().resolve("runs");
            Optional<RunReport> report;
            try {
                report = history.report(id, reports);
            } catch (IOException | RuntimeException unreadable) {
                context.err().println("filemill: the report of run " + id + " is unreadable: " + unreadable.getMessage());
                return ExitCodes.FATAL;
            }
            if (json) {
                RunReportWriter writer = spring.getBean(RunReportWriter.class);
                out.println(report.isPresent() ? writer.toJson(report.get()) : writer.toJson(run));
                return ExitCodes.OK;
            }
            out.printf(Locale.ROOT, "run %d: %s%n", run.id(), run.status());
            out.printf(Locale.ROOT, "  inbox      %s%n", run.inbox());
            report.ifPresent(r -> {
                out.printf(Locale.ROOT, "  processed  %s%n", r.processed());
                out.printf(Locale.ROOT, "  failed dir %s%n", r.failedDir());
            });
            out.printf(Locale.ROOT, "  started    %s, took %.1f s%n", run.started() == null ? "-" : HistoryCommand.TIME.format(run.started()),
                    run.duration().toMillis() / 1000.0);
            out.printf(Locale.ROOT, "  mode       %s (%s)%n", run.mode(), run.stages());
            out.printf(Locale.ROOT, "  files      %d taken, %d retitled, %d unchanged, %d failed, %d left in the inbox%n", run.taken(),
                    run.retitled(), run.unchanged(), run.failed(), run.left());
            report.ifPresent(r -> out.printf(Locale.ROOT, "  bytes      %,d delivered, %.1f files/s%n", r.bytes(),
                    r.filesPerSecond()));
            for (RunHistory.Partition partition : run.partitions()) {
                out.printf(Locale.ROOT, "  partition  %s on %s: %d files, %d delivered, %d failed, %d left, %.1f s, %s%n",
                        partition.name(), partition.node(), partition.files(), partition.delivered(), partition.failed(),
                        partition.left(), partition.duration().toMillis() / 1000.0, partition.status());
            }
            if (run.exitDescription() != null && !run.exitDescription().isBlank()) {
                out.printf(Locale.ROOT, "  exit       %s%n", run.exitDescription().lines().findFirst().orElse(""));
            }
            if (report.isEmpty()) {
                out.println("  no report: the run did not finish");
            } else {
                out.printf(Locale.ROOT, "  report     %s%n", reports.resolve("run-" + id + ".json"));
                for (FileProblem failure : report.get().failures()) {
                    out.printf(Locale.ROOT, "  failed     %s: %s%n", failure.file(), failure.reason());
                }
                for (FileProblem left : report.get().lefts()) {
                    out.printf(Locale.ROOT, "  left       %s: %s%n", left.file(), left.reason());
                }
                for (FileProblem deferral : report.get().deferrals()) {
                    out.printf(Locale.ROOT, "  deferred   %s: %s%n", deferral.file(), deferral.reason());
                }
            }
            return ExitCodes.OK;
        }
    }
}
