package io.filemill.app.compare;

/**
 * What one trial measured. Times are seen from outside the trial's JVM: {@code wallSeconds} runs
 * from process launch to exit, so JVM and Spring start-up count the way a user pays them. Fields
 * that do not apply (worker figures without workers) are null.
 *
 * @param firstDeliveredMillis  from the process launch to the first file delivered
 * @param latencyP50Millis      a file's time from being taken to its outcome: median
 * @param workerStartupMillis   the median time of a worker JVM from launch to ready
 * @param frames                frames sent to and received from workers
 * @param wireMegabytes         bytes of those frames, in MiB
 */
public record TrialResult(
        String configuration,
        int round,
        long files,
        long bytes,
        double wallSeconds,
        double filesPerSecond,
        double megabytesPerSecond,
        double firstDeliveredMillis,
        double latencyP50Millis,
        double latencyP95Millis,
        double latencyP99Millis,
        double parentCpuSeconds,
        Double workerCpuSeconds,
        double parentPeakRssMegabytes,
        double parentPeakHeapMegabytes,
        Double workerPeakRssMegabytes,
        Double workerStartupMillis,
        Double frames,
        Double wireMegabytes) {
}
