package io.filemill.app.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The plain-language conclusion of a comparison, drawn from its medians: which configuration was
 * fastest, how thread and process mode compared for each worker count and durability (and whether
 * the difference is larger than the spread of the repeats), what process mode cost and bought, what
 * the pipeline costs against the plain-JDK program on as many threads, and what forcing costs on this
 * disk.
 */
final class Verdict {

    private Verdict() {
    }

    static List<String> of(List<ConfigurationSummary> summaries) {
        List<String> lines = new ArrayList<>();
        fastest(summaries, lines);
        for (ConfigurationSummary process : summaries) {
            Configuration c = process.configuration();
            if (!c.isBaseline() && c.mode().equals("process")) {
                ConfigurationSummary thread = ConfigurationSummary.find(summaries, Configuration.filemill("thread", c.workers(),
                        c.durability()));
                if (thread != null) {
                    modes(thread, process, lines);
                }
            }
        }
        baseline(summaries, lines);
        durability(summaries, lines);
        return lines;
    }

    private static void fastest(List<ConfigurationSummary> summaries, List<String> lines) {
        summaries.stream().filter(s -> s.median(Metric.FILES_PER_SECOND) != null)
                .max(Comparator.comparingDouble(s -> s.median(Metric.FILES_PER_SECOND)))
                .ifPresent(best -> {
                    Stat stat = best.stats().get(Metric.FILES_PER_SECOND);
                    lines.add(format("Fastest here: %s, %,.0f files/s end to end (median of %d; %,.0f to %,.0f).",
                            best.label(), stat.median(), stat.samples(), stat.min(), stat.max()));
                });
    }

    private static void modes(ConfigurationSummary thread, ConfigurationSummary process, List<String> lines) {
        Stat t = thread.stats().get(Metric.FILES_PER_SECOND);
        Stat p = process.stats().get(Metric.FILES_PER_SECOND);
        Configuration c = process.configuration();
        String setting = format("With %d worker%s per stage and %s delivery", c.workers(), c.workers() == 1 ? "" : "s",
                c.durability());
        boolean overlap = t.min() <= p.max() && p.min() <= t.max();
        String winner = t.median() >= p.median() ? "thread" : "process";
        double ratio = Math.max(t.median(), p.median()) / Math.min(t.median(), p.median());
        String sentence = format("%s, %s mode was %.2fx as fast (%,.0f against %,.0f files/s)", setting, winner, ratio,
                Math.max(t.median(), p.median()), Math.min(t.median(), p.median()));
        if (t.samples() < 2 || p.samples() < 2) {
            sentence += "; with one trial of each there is no spread to judge that by (--repeat 3 or more).";
        } else {
            sentence += overlap ? "; the repeats overlap, so the difference is within this machine's noise."
                    : "; the repeats do not overlap.";
        }
        lines.add(sentence);
        Double startup = process.median(Metric.WORKER_STARTUP_MILLIS);
        Double frames = process.median(Metric.FRAMES);
        Double wire = process.median(Metric.WIRE_MEGABYTES);
        Double workerCpu = process.median(Metric.WORKER_CPU_SECONDS);
        Double parentCpu = process.median(Metric.PARENT_CPU_SECONDS);
        Double threadCpu = thread.median(Metric.PARENT_CPU_SECONDS);
        Double workerRss = process.median(Metric.WORKER_PEAK_RSS_MEGABYTES);
        if (startup != null && frames != null && wire != null && workerCpu != null && parentCpu != null
                && threadCpu != null) {
            lines.add(format("Process mode paid %.0f ms per worker JVM to start (median), %,.0f frames (%.1f MiB) over "
                    + "stdin/stdout, and %.1f s of CPU in all (parent %.1f s, workers %.1f s) against thread mode's "
                    + "%.1f s. It bought isolation: a worker that crashes, hangs or runs out of memory costs only "
                    + "the file it held and is replaced, and each worker's memory is its own (peak %s MiB).",
                    startup, frames, wire, parentCpu + workerCpu, parentCpu, workerCpu, threadCpu,
                    workerRss == null ? "?" : format("%.0f", workerRss)));
        }
    }

    /** filemill against the plain-JDK program on as many threads as it has workers, for each worker count. */
    private static void baseline(List<ConfigurationSummary> summaries, List<String> lines) {
        for (ConfigurationSummary program : summaries) {
            Configuration p = program.configuration();
            if (!p.isBaseline() || !p.durability().equals("fast")) {
                continue;
            }
            double programRate = program.median(Metric.FILES_PER_SECOND);
            List<String> against = new ArrayList<>();
            Double fastestFirst = null;
            for (String mode : List.of("thread", "process")) {
                ConfigurationSummary filemill = ConfigurationSummary.find(summaries,
                        Configuration.filemill(mode, p.workers(), "fast"));
                if (filemill != null) {
                    against.add(format("%s mode %.2fx that (%,.0f files/s)", mode,
                            filemill.median(Metric.FILES_PER_SECOND) / programRate, filemill.median(Metric.FILES_PER_SECOND)));
                    Double first = filemill.median(Metric.FIRST_DELIVERED_MILLIS);
                    fastestFirst = first == null ? fastestFirst : fastestFirst == null ? first : Math.min(first, fastestFirst);
                }
            }
            if (against.isEmpty()) {
                continue;
            }
            Double programFirst = program.median(Metric.FIRST_DELIVERED_MILLIS);
            lines.add(format("The plain-JDK program on %d thread%s (the same steps as fast delivery, no framework) did "
                    + "%,.0f files/s; filemill with %d worker%s per stage did, in %s.%s", p.workers(),
                    p.workers() == 1 ? "" : "s", programRate, p.workers(), p.workers() == 1 ? "" : "s",
                    String.join(", in ", against),
                    fastestFirst == null || programFirst == null ? ""
                            : format(" filemill's first file was delivered %.0f ms after launch, the program's after "
                            + "%.0f ms: that gap is the price of Spring, the job repository and the pipeline's start.",
                            fastestFirst, programFirst)));
        }
    }

    private static void durability(List<ConfigurationSummary> summaries, List<String> lines) {
        for (ConfigurationSummary forced : summaries) {
            Configuration c = forced.configuration();
            ConfigurationSummary program = c.isBaseline() && c.durability().equals("durable")
                    ? ConfigurationSummary.find(summaries, Configuration.baseline(c.workers(), "fast")) : null;
            if (program != null) {
                lines.add(format("Forcing every file, its directory and the inbox to disk slowed the plain program on "
                        + "%d thread%s to %.2fx (%,.0f against %,.0f files/s): that is what naive durability costs on "
                        + "this disk.", c.workers(), c.workers() == 1 ? "" : "s",
                        forced.median(Metric.FILES_PER_SECOND) / program.median(Metric.FILES_PER_SECOND),
                        forced.median(Metric.FILES_PER_SECOND), program.median(Metric.FILES_PER_SECOND)));
            }
        }
        for (ConfigurationSummary durable : summaries) {
            Configuration c = durable.configuration();
            if (!c.isBaseline() && c.durability().equals("durable")) {
                ConfigurationSummary fast = ConfigurationSummary.find(summaries, Configuration.filemill(c.mode(), c.workers(), "fast"));
                if (fast != null) {
                    lines.add(format("%s mode with %d workers kept %.2fx of its fast speed when durable "
                            + "(a batch's files, journal and directories are forced to disk together, "
                            + "before its originals are removed).",
                            capitalize(c.mode()), c.workers(),
                            durable.median(Metric.FILES_PER_SECOND) / fast.median(Metric.FILES_PER_SECOND)));
                }
            }
        }
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
