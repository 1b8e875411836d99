package io.filemill.app.compare;

import io.filemill.app.compare.ComparePlan.Trial;
import io.filemill.app.corpus.CorpusGenerator;
import io.filemill.app.report.RunReportWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.io.FileUtils;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a {@link ComparePlan} and writes its report. The corpus is generated once into the output
 * directory; before the measured trials, one small untimed run per filemill mode prepares what a
 * deployed filemill keeps between nights (the extracted worker jars and their class data sharing
 * archive, the job repository), so that no measured trial pays a one-time cost. All trials share
 * one state directory, as nightly runs do. The corpus and the trials' files are removed at the end;
 * each trial's log stays in {@code trials/}.
 */
public final class Comparison {

    /** Hears each trial as it ends. */
    public interface Listener {
        void trialStarted(Trial trial, int of);

        void trialFinished(Trial trial, TrialResult result);
    }

    static final int WARM_UP_FILES = 200;

    private final ComparePlan plan;
    private final Path out;
    private final List<String> jvmOptions;
    private final String mainClass;
    private final PageCache cache;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * @param mainClass filemill's main class, which a trial's JVM runs when there is no jar or
     *                  distribution to start it from
     * @param coldCache drop the page cache before each trial where the system allows it (see
     *                  {@link PageCache}); the report says whether it was
     */
    public Comparison(ComparePlan plan, Path out, List<String> jvmOptions, String mainClass, boolean coldCache) {
        this.plan = plan;
        this.out = out.toAbsolutePath().normalize();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.mainClass = mainClass;
        this.cache = PageCache.of(coldCache, programFiles(this.out.resolve("state")));
    }

    /** What the trials' JVMs start from: the JDK, filemill's class path (for the distribution, its directory), the state. */
    private static List<Path> programFiles(Path home) {
        List<Path> files = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                Path path = Path.of(entry).toAbsolutePath();
                files.add(path.toString().endsWith(".jar") && path.getParent() != null ? path.getParent() : path);
            }
        }
        files.add(home);
        return files;
    }

    /** What state each trial's file cache starts in, in one line. */
    public String cacheDescription() {
        return cache.description();
    }

    /** Runs every trial and writes the report files; returns the report. */
    public CompareReport run(Listener listener) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Path corpus = out.resolve("corpus");
        Path trialsDir = Files.createDirectories(out.resolve("trials"));
        Path home = out.resolve("state");
        FileUtils.deleteDirectory(corpus.toFile());
        long bytes = new CorpusGenerator(plan.seed()).generate(corpus, plan.files(), plan.profile());
        JavaCommands commands = new JavaCommands(jvmOptions, mainClass, home);
        RunReportWriter reports = new RunReportWriter();
        try {
            warmUp(trialsDir, home, commands, reports);
            TrialRunner runner = new TrialRunner(corpus, plan.files(), bytes, trialsDir, home, commands, reports, cache);
            List<Trial> trials = plan.trials();
            List<TrialResult> results = new ArrayList<>();
            for (Trial trial : trials) {
                listener.trialStarted(trial, trials.size());
                TrialResult result = runner.run(trial);
                results.add(result);
                listener.trialFinished(trial, result);
            }
            List<ConfigurationSummary> summaries = new ArrayList<>();
            for (Configuration configuration : plan.configurations()) {
                summaries.add(ConfigurationSummary.of(configuration, results.stream()
                        .filter(r -> r.configuration().equals(configuration.label())).toList()));
            }
            CompareReport report = new CompareReport(started, Instant.now(),
                    CompareReport.Machine.current(jvmOptions, cache.description()),
                    new CompareReport.Corpus(plan.files(), plan.profile(), plan.seed(), bytes), plan.repeats(),
                    results, summaries, Verdict.of(summaries));
            write(report);
            return report;
        } finally {
            FileUtils.deleteDirectory(corpus.toFile());
        }
    }

    private void warmUp(Path trialsDir, Path home, JavaCommands commands, RunReportWriter reports)
            throws IOException, InterruptedException {
        Set<Configuration> warmUps = new LinkedHashSet<>();
        for (Configuration configuration : plan.configurations()) {
            if (!configuration.isBaseline()) {
                warmUps.add(Configuration.filemill(configuration.mode(), configuration.workers(), "fast"));
            }
        }
        if (warmUps.isEmpty()) {
            return;
        }
        int files = Math.min(WARM_UP_FILES, plan.files());
        Path corpus = out.resolve("warm-up-corpus");
        long bytes = new CorpusGenerator(plan.seed() + 1).generate(corpus, files, plan.profile());
        try {
            TrialRunner runner = new TrialRunner(corpus, files, bytes, Files.createDirectories(trialsDir.resolve("warm-up")),
                    home, commands, reports, cache);
            int number = 0;
            for (Configuration configuration : warmUps) {
                runner.run(new Trial(++number, 0, configuration));
            }
        } finally {
            FileUtils.deleteDirectory(corpus.toFile());
        }
    }

    private void write(CompareReport report) throws IOException {
        Files.writeString(out.resolve("report.json"), json.writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
        CsvReports.write(report, out.resolve("report.csv"), out.resolve("trials.csv"));
        Files.writeString(out.resolve("report.html"), HtmlReport.render(report, json), StandardCharsets.UTF_8);
    }

    /** The terminal table of a report. */
    public static String table(CompareReport report) {
        return CompareTable.render(report);
    }
}
