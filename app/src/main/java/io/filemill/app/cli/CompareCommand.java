package io.filemill.app.cli;

import io.filemill.app.compare.ComparePlan.Trial;
import io.filemill.app.compare.ComparePlan;
import io.filemill.app.compare.CompareReport;
import io.filemill.app.compare.Comparison;
import io.filemill.app.compare.TrialResult;
import io.filemill.app.corpus.CorpusProfile;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code filemill compare}: thread and process mode (and the plain-JDK baseline program) on the same
 * generated corpus, every trial in its own JVM, interleaved; needs no Spring in this JVM.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare thread and process mode, side by side, on one generated corpus.",
                "Every configuration runs --repeat times, interleaved, each time in its own JVM on a fresh copy, "
                        + "through the same job as 'run'. The baseline is a plain-JDK program doing the same "
                        + "steps on as many threads as each worker count. Writes "
                        + "report.json, report.csv, trials.csv and report.html (charts, no network needed)."},
        footer = {"", "Exit codes:", "  0   compared; the report is written",
                "  2   a trial failed or did not do the whole job (its log is named)"})
final class CompareCommand implements Callable<Integer> {

    private final FilemillCli.CommandContext context;

    @Mixin(name = LoggingOptions.MIXIN)
    LoggingOptions logging;

    @Option(names = "--files", paramLabel = "N", defaultValue = "20000", description = "Files in the corpus (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--profile", paramLabel = "small|mixed|large", defaultValue = "mixed",
            description = "File sizes: small (200 B-2 KiB), mixed (small plus 1%% of 1 MiB), large (64 KiB-1 MiB); default ${DEFAULT-VALUE}.")
    CorpusProfile profile;

    @Option(names = "--modes", paramLabel = "MODE", split = ",", defaultValue = "thread,process",
            description = "Modes to compare (default ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--workers", paramLabel = "N", split = ",", defaultValue = "2",
            description = "Retitle workers (the deliver stage's are its default: two when durable on threads, else one); a list compares "
                    + "several (default ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(names = "--durability", paramLabel = "durable|fast", split = ",", defaultValue = "fast,durable",
            description = "Durabilities to compare (default ${DEFAULT-VALUE}).")
    List<String> durabilities;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3", description = "Rounds (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the plain-JDK baseline program too (default: yes; --no-baseline to skip it).")
    boolean baseline;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Corpus seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "An option for every JVM a trial starts, for example --jvm-option=-Xmx256m; repeat for more.")
    List<String> jvmOptions = List.of();

    @Option(names = "--cache", paramLabel = "cold|warm", defaultValue = "cold",
            description = "cold (default): drop the page cache before each trial, so that every trial reads its "
                    + "inbox from the disk and no trial meets what the one before it left in the cache (Linux, needs "
                    + "root; otherwise warm); warm: keep it.")
    String cache;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default work/compare/<time>).")
    Path out;

    CompareCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        String refused = firstRefused("--modes", modes, "thread", "process");
        refused = refused != null ? refused : firstRefused("--durability", durabilities, "durable", "fast");
        refused = refused != null ? refused : firstRefused("--cache", List.of(cache), "cold", "warm");
        if (refused != null) {
            context.err().println("filemill: " + refused);
            return ExitCodes.FATAL;
        }
        if (workers.stream().anyMatch(n -> n < 1) || files < 1 || repeat < 1) {
            context.err().println("filemill: --files, --workers and --repeat must be at least 1");
            return ExitCodes.FATAL;
        }
        Path dir = out != null ? out
                : Path.of("work", "compare", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ComparePlan plan = new ComparePlan(files, profile, seed, repeat,
                ComparePlan.combinations(modes, workers, durabilities, baseline));
        Comparison comparison = new Comparison(plan, dir, jvmOptions, FilemillMain.class.getName(), cache.equals("cold"));
        context.err().println("page cache: " + comparison.cacheDescription());
        CompareReport report;
        try (TrialProgress progress = new TrialProgress(context, logging.quiet)) {
            report = comparison.run(progress);
        }
        context.out().println();
        context.out().print(Comparison.table(report));
        context.out().println();
        report.verdict().forEach(line -> context.out().println("- " + line));
        context.out().println();
        context.out().println("report: " + dir.toAbsolutePath().resolve("report.html") + " (also report.json, "
                + "report.csv, trials.csv)");
        return ExitCodes.OK;
    }

    /** Why the first value not among {@code allowed} is refused, or null when all are allowed. */
    private static String firstRefused(String option, List<String> values, String... allowed) {
        for (String value : values) {
            if (!List.of(allowed).contains(value)) {
                return option + ": '" + value + "' is not one of " + String.join(", ", allowed);
            }
        }
        return null;
    }

    /** A progress bar over the trials on a terminal; otherwise a line per trial on stderr; nothing when quiet. */
    private static final class TrialProgress implements Comparison.Listener, AutoCloseable {

        private final FilemillCli.CommandContext context;
        private final boolean quiet;
        private ProgressBar bar;

        TrialProgress(FilemillCli.CommandContext context, boolean quiet) {
            this.context = context;
            this.quiet = quiet;
        }

        @Override
        public void trialStarted(Trial trial, int of) {
            if (context.terminal() && !quiet && bar == null) {
                bar = new ProgressBarBuilder().setTaskName("compare").setInitialMax(of).setUnit(" trials", 1)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
            if (bar != null) {
                bar.setExtraMessage(trial.configuration().label());
            }
        }

        @Override
        public void trialFinished(Trial trial, TrialResult result) {
            if (bar != null) {
                bar.step();
            } else if (!quiet) {
                context.err().printf(Locale.ROOT, "trial %d, round %d: %s: %.0f files/s, %.2f s%n", trial.number(),
                        trial.round(), result.configuration(), result.filesPerSecond(), result.wallSeconds());
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
