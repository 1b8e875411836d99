package io.filemill.app.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A speed target and whether this comparison met it.
 *
 * @param name     what is compared, for example {@code process x2 fast / thread x2 fast}
 * @param actual   the measured value: a ratio of medians, or milliseconds
 * @param bound    the value the target asks for
 * @param atLeast  whether {@code actual} must reach {@code bound} (a ratio) or stay under it (a time)
 * @param met      whether it did
 */
public record Target(String name, double actual, double bound, boolean atLeast, boolean met) {

    /** A target checked against its measured value. */
    public static Target of(String name, double actual, double bound, boolean atLeast) {
        return new Target(name, actual, bound, atLeast, atLeast ? actual >= bound : actual < bound);
    }

    /** For example {@code 0.82 (target >= 0.70): met}. */
    public String describe() {
        String unit = atLeast ? "" : " ms";
        String format = atLeast ? "%.2f" : "%.0f";
        return String.format(Locale.ROOT, format + "%s (target %s " + format + "%s): %s", actual, unit,
                atLeast ? ">=" : "<", bound, unit, met ? "met" : "NOT met");
    }

    /**
     * The targets of filemill's speed goals that this comparison's configurations can check: thread
     * mode against the baseline (fast delivery, at least 0.8), durable against fast (at least 0.65),
     * process against thread (at least 0.7), the first file delivered under 1.5 s, and a worker
     * JVM's start-up under 300 ms (medians).
     */
    public static List<Target> check(List<ConfigurationSummary> summaries) {
        List<Target> targets = new ArrayList<>();
        ConfigurationSummary baseline = find(summaries, Configuration.baseline("fast"));
        for (ConfigurationSummary s : summaries) {
            Configuration c = s.configuration();
            if (c.isBaseline()) {
                continue;
            }
            if (c.mode().equals("thread") && c.durability().equals("fast") && baseline != null) {
                ratio(targets, s, baseline, 0.8);
            }
            if (c.durability().equals("durable")) {
                ConfigurationSummary fast = find(summaries, Configuration.filemill(c.mode(), c.workers(), "fast"));
                if (fast != null) {
                    ratio(targets, s, fast, 0.65);
                }
            }
            if (c.mode().equals("process")) {
                ConfigurationSummary thread = find(summaries, Configuration.filemill("thread", c.workers(), c.durability()));
                if (thread != null) {
                    ratio(targets, s, thread, 0.7);
                }
            }
        }
        for (ConfigurationSummary s : summaries) {
            Double first = s.median(Metric.FIRST_DELIVERED_MILLIS);
            if (!s.configuration().isBaseline() && first != null) {
                targets.add(Target.of(s.label() + ": process start to first file delivered", first, 1500, false));
            }
            Double startup = s.median(Metric.WORKER_STARTUP_MILLIS);
            if (startup != null) {
                targets.add(Target.of(s.label() + ": worker JVM start to ready", startup, 300, false));
            }
        }
        return targets;
    }

    private static void ratio(List<Target> targets, ConfigurationSummary measured, ConfigurationSummary reference,
                              double bound) {
        Double a = measured.median(Metric.FILES_PER_SECOND);
        Double b = reference.median(Metric.FILES_PER_SECOND);
        if (a != null && b != null && b > 0) {
            targets.add(Target.of(measured.label() + " / " + reference.label() + " (files/s)", a / b, bound, true));
        }
    }

    static ConfigurationSummary find(List<ConfigurationSummary> summaries, Configuration configuration) {
        return summaries.stream().filter(s -> s.configuration().equals(configuration)).findFirst().orElse(null);
    }
}
