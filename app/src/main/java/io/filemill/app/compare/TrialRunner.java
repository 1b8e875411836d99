package io.filemill.app.compare;

import io.filemill.app.compare.ComparePlan.Trial;
import io.filemill.app.report.RunMeasurements;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * Runs one trial: copies the corpus into a fresh inbox, starts the configuration in its own JVM,
 * times it from launch to exit, checks that it did the whole job (every file delivered, the inbox
 * empty), reads what it measured, and removes the trial's files. A trial that does not do the whole
 * job stops the comparison with a {@link TrialFailedException}, so no figure ever comes from
 * partial work.
 */
final class TrialRunner {

    private static final long TIMEOUT_MINUTES = 60;
    private static final double MIB = 1024.0 * 1024.0;

    private final Path corpus;
    private final int files;
    private final long corpusBytes;
    private final Path trialsDir;
    private final Path home;
    private final JavaCommands commands;
    private final RunReportWriter reports;
    private final PageCache cache;

    TrialRunner(Path corpus, int files, long corpusBytes, Path trialsDir, Path home, JavaCommands commands,
                RunReportWriter reports, PageCache cache) {
        this.corpus = corpus;
        this.files = files;
        this.corpusBytes = corpusBytes;
        this.trialsDir = trialsDir;
        this.home = home;
        this.commands = commands;
        this.reports = reports;
        this.cache = cache;
    }

    TrialResult run(Trial trial) throws IOException, InterruptedException {
        Configuration configuration = trial.configuration();
        String name = String.format(Locale.ROOT, "%03d-%s", trial.number(), configuration.label().replace(' ', '-'));
        Path dir = trialsDir.resolve(name);
        Path inbox = dir.resolve("inbox");
        Path processed = Files.createDirectories(dir.resolve("processed"));
        Path log = trialsDir.resolve(name + ".log");
        FileUtils.copyDirectory(corpus.toFile(), inbox.toFile());
        cache.prepareTrial();
        Set<Path> earlierReports = reportFiles();
        ProcessBuilder command = configuration.isBaseline()
                ? commands.baseline(inbox, processed, configuration.workers(), configuration.durability().equals("durable"))
                : commands.filemill(List.of("run", "--inbox", inbox.toString(), "--processed", processed.toString(),
                        "--failed", dir.resolve("failed").toString(), "--home", home.toString(),
                        "--mode", configuration.mode(), "--workers", Integer.toString(configuration.workers()),
                        "--durability", configuration.durability(), "--min-age", "0s"));
        long started = System.nanoTime();
        Instant launched = Instant.now();
        Process process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new TrialFailedException(configuration.label() + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes; see " + log);
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != 0) {
            throw new TrialFailedException(configuration.label() + " exited with " + process.exitValue() + "; see " + log);
        }
        checkWholeJobDone(configuration, inbox, processed, log);
        TrialResult result = configuration.isBaseline()
                ? baselineResult(trial, wallSeconds, launched, log)
                : filemillResult(trial, wallSeconds, launched, newReport(earlierReports, configuration, log));
        FileUtils.deleteDirectory(dir.toFile());
        return result;
    }

    private void checkWholeJobDone(Configuration configuration, Path inbox, Path processed, Path log) throws IOException {
        long delivered = countFiles(processed);
        long left = countFiles(inbox);
        if (delivered != files || left != 0) {
            throw new TrialFailedException(configuration.label() + " delivered " + delivered + " of " + files
                    + " files and left " + left + " in the inbox; see " + log);
        }
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)).count();
        }
    }

    private Set<Path> reportFiles() throws IOException {
        Path runs = home.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(runs)) {
            return new HashSet<>(entries.filter(p -> p.getFileName().toString().matches("run-\\d+\\.json")).toList());
        }
    }

    private RunReport newReport(Set<Path> earlier, Configuration configuration, Path log) throws IOException {
        Set<Path> now = reportFiles();
        now.removeAll(earlier);
        if (now.size() != 1) {
            throw new TrialFailedException(configuration.label() + " wrote no run report; see " + log);
        }
        return reports.read(now.iterator().next());
    }

    private TrialResult filemillResult(Trial trial, double wallSeconds, Instant launched, RunReport report) {
        RunMeasurements m = report.measurements();
        boolean workers = m.workers() > 0;
        List<Long> startups = report.workerStartupMillis();
        Double startup = startups.isEmpty() ? null
                : Stat.of(startups.stream().map(Long::doubleValue).toList()).median();
        return new TrialResult(trial.configuration().label(), trial.round(), report.delivered(), corpusBytes,
                wallSeconds, report.delivered() / wallSeconds, corpusBytes / MIB / wallSeconds,
                sinceLaunch(launched, m.firstDelivered()), m.latencyP50Millis(), m.latencyP95Millis(), m.latencyP99Millis(),
                m.parentCpuSeconds(), workers ? m.workerCpuSeconds() : null, megabytes(m.parentPeakRssBytes()),
                megabytes(m.parentPeakHeapBytes()), workers ? megabytes(m.workerPeakRssBytes()) : null, startup,
                workers ? (double) (m.framesSent() + m.framesReceived()) : null,
                workers ? (m.bytesSent() + m.bytesReceived()) / MIB : null);
    }

    private TrialResult baselineResult(Trial trial, double wallSeconds, Instant launched, Path log) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z0-9]+")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        if (!values.containsKey("files")) {
            throw new TrialFailedException("the baseline printed no measurements; see " + log);
        }
        long delivered = Long.parseLong(values.get("files"));
        return new TrialResult(trial.configuration().label(), trial.round(), delivered, corpusBytes, wallSeconds,
                delivered / wallSeconds, corpusBytes / MIB / wallSeconds,
                number(values, "firstDeliveredEpochMillis") < 0 ? -1
                        : sinceLaunch(launched, Instant.ofEpochMilli((long) number(values, "firstDeliveredEpochMillis"))),
                number(values, "latencyP50Millis"),
                number(values, "latencyP95Millis"), number(values, "latencyP99Millis"), number(values, "cpuSeconds"),
                null, megabytes((long) number(values, "peakRssBytes")),
                megabytes((long) number(values, "peakHeapBytes")), null, null, null, null);
    }

    /** Milliseconds from a trial's launch to an instant it reported, or -1 without one. */
    private static double sinceLaunch(Instant launched, Instant reported) {
        return reported == null ? -1 : Duration.between(launched, reported).toNanos() / 1e6;
    }

    private static double number(Map<String, String> values, String key) {
        String value = values.get(key);
        return value == null ? -1 : Double.parseDouble(value);
    }

    private static double megabytes(long bytes) {
        return bytes < 0 ? -1 : bytes / MIB;
    }

    /** A trial did not do the whole job; the message names the configuration and its log. */
    static final class TrialFailedException extends IOException {
        TrialFailedException(String message) {
            super(message);
        }
    }
}
