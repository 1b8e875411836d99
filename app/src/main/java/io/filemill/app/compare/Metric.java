package io.filemill.app.compare;

import java.util.Locale;
import java.util.function.Function;

/** A figure every trial reports, with how to read it from a {@link TrialResult}. */
public enum Metric {

    FILES_PER_SECOND("files/s", "%.0f", true, TrialResult::filesPerSecond),
    MEGABYTES_PER_SECOND("MiB/s", "%.1f", true, TrialResult::megabytesPerSecond),
    WALL_SECONDS("wall s", "%.2f", false, TrialResult::wallSeconds),
    FIRST_DELIVERED_MILLIS("first file ms", "%.0f", false, TrialResult::firstDeliveredMillis),
    LATENCY_P50_MILLIS("p50 ms", "%.1f", false, TrialResult::latencyP50Millis),
    LATENCY_P95_MILLIS("p95 ms", "%.1f", false, TrialResult::latencyP95Millis),
    LATENCY_P99_MILLIS("p99 ms", "%.1f", false, TrialResult::latencyP99Millis),
    PARENT_CPU_SECONDS("parent CPU s", "%.2f", false, TrialResult::parentCpuSeconds),
    WORKER_CPU_SECONDS("worker CPU s", "%.2f", false, TrialResult::workerCpuSeconds),
    PARENT_PEAK_RSS_MEGABYTES("parent RSS MiB", "%.0f", false, TrialResult::parentPeakRssMegabytes),
    PARENT_PEAK_HEAP_MEGABYTES("parent heap MiB", "%.0f", false, TrialResult::parentPeakHeapMegabytes),
    WORKER_PEAK_RSS_MEGABYTES("worker RSS MiB", "%.0f", false, TrialResult::workerPeakRssMegabytes),
    WORKER_STARTUP_MILLIS("worker start ms", "%.0f", false, TrialResult::workerStartupMillis),
    FRAMES("frames", "%.0f", false, TrialResult::frames),
    WIRE_MEGABYTES("wire MiB", "%.1f", false, TrialResult::wireMegabytes);

    private final String label;
    private final String format;
    private final boolean higherIsBetter;
    private final Function<TrialResult, Double> reader;

    Metric(String label, String format, boolean higherIsBetter, Function<TrialResult, Double> reader) {
        this.label = label;
        this.format = format;
        this.higherIsBetter = higherIsBetter;
        this.reader = reader;
    }

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The trial's value, or null when it does not apply (or the system did not tell). */
    public Double of(TrialResult result) {
        Double value = reader.apply(result);
        return value == null || value.isNaN() || value < 0 ? null : value;
    }

    /** The value as the tables show it; a dash when there is none. */
    public String format(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }
}
