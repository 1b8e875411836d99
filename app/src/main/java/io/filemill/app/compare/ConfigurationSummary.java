package io.filemill.app.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One configuration's figures over its repeats: a {@link Stat} per metric that applies. */
public record ConfigurationSummary(Configuration configuration, Map<Metric, Stat> stats) {

    public ConfigurationSummary {
        stats = Map.copyOf(stats);
    }

    /** Summarises the trials of one configuration. */
    public static ConfigurationSummary of(Configuration configuration, List<TrialResult> trials) {
        Map<Metric, Stat> stats = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            List<Double> values = new ArrayList<>();
            for (TrialResult trial : trials) {
                Double value = metric.of(trial);
                if (value != null) {
                    values.add(value);
                }
            }
            Stat stat = Stat.of(values);
            if (stat != null) {
                stats.put(metric, stat);
            }
        }
        return new ConfigurationSummary(configuration, stats);
    }

    /** The median of a metric, or null when it does not apply. */
    public Double median(Metric metric) {
        Stat stat = stats.get(metric);
        return stat == null ? null : stat.median();
    }

    /** The summary of {@code configuration} among {@code summaries}, or null when it was not compared. */
    static ConfigurationSummary find(List<ConfigurationSummary> summaries, Configuration configuration) {
        return summaries.stream().filter(s -> s.configuration().equals(configuration)).findFirst().orElse(null);
    }

    public String label() {
        return configuration.label();
    }
}
