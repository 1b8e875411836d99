package io.filemill.app.report;

import io.filemill.pipeline.measure.ProcessUsage;
import io.filemill.pipeline.measure.WireTraffic;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a run cost, for {@code filemill compare} and for anyone reading a run report. Sizes are bytes;
 * {@link ProcessUsage#UNKNOWN} where the system does not tell (peak memory outside Linux).
 *
 * @param firstDelivered       when the first file was delivered, or null when none was
 * @param firstDeliveredMillis from the start of this JVM (Spring's start included) to the first
 *                             file delivered, or -1; {@code filemill compare} measures from the
 *                             process launch instead, with {@code firstDelivered}
 * @param latencyP50Millis     a file's time from being taken off the inbox to its outcome: median
 * @param parentCpuSeconds     CPU time of the filemill process itself
 * @param parentPeakRssBytes   peak resident memory of the filemill process
 * @param parentPeakHeapBytes  peak heap use of the filemill process
 * @param workers              worker JVMs alive at the end of the run (process mode)
 * @param workerCpuSeconds     CPU time of those workers, summed
 * @param workerPeakRssBytes   the largest peak resident memory among them, 0 without workers
 * @param framesSent           frames written to workers' stdin; bytes include frame headers
 */
public record RunMeasurements(
        Instant firstDelivered,
        long firstDeliveredMillis,
        double latencyP50Millis,
        double latencyP95Millis,
        double latencyP99Millis,
        double latencyMaxMillis,
        double parentCpuSeconds,
        long parentPeakRssBytes,
        long parentPeakHeapBytes,
        int workers,
        double workerCpuSeconds,
        long workerPeakRssBytes,
        long framesSent,
        long bytesSent,
        long framesReceived,
        long bytesReceived) {

    /** Measures the current process at the end of a run. */
    public static RunMeasurements measure(Instant firstDelivered, Histogram latencyNanos,
                                          List<ProcessUsage> workerUsage, WireTraffic traffic) {
        // the JVM's own start: the process start time Linux reports is only accurate to a second
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        long firstMillis = firstDelivered == null ? -1 : Duration.between(jvmStart, firstDelivered).toMillis();
        ProcessUsage self = ProcessUsage.self();
        double workerCpu = workerUsage.stream().mapToLong(u -> u.cpu().toNanos()).sum() / 1e9;
        long workerPeak = workerUsage.stream().mapToLong(ProcessUsage::peakRssBytes).max().orElse(0);
        return new RunMeasurements(firstDelivered, firstMillis, millis(latencyNanos, 50), millis(latencyNanos, 95),
                millis(latencyNanos, 99), latencyNanos.getMaxValue() / 1e6, self.cpu().toNanos() / 1e9,
                self.peakRssBytes(), ProcessUsage.peakHeapBytes(), workerUsage.size(), workerCpu, workerPeak,
                traffic.framesSent(), traffic.bytesSent(), traffic.framesReceived(), traffic.bytesReceived());
    }

    private static double millis(Histogram latencyNanos, double percentile) {
        return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }
}
