package io.filemill.app.report;

import java.time.Instant;
import java.util.List;

/**
 * The record of one run, written as JSON to the state directory and shown as a summary table.
 * {@code delivered} counts every file now in processed/: {@code retitled} plus {@code unchanged}.
 * {@code stages} says how each stage ran, for example {@code retitle 2 processes, deliver 2 threads};
 * {@code workerStartupMillis} is how long each worker JVM took from launch to ready; {@code deferred}
 * counts the files left for a later run because they were not ready; {@code left} the files taken
 * but left in the inbox (a machine fault, a stop, a stage failure), each in {@code lefts} with its
 * reason; {@code measurements} is what the run cost (null in reports written before it was recorded);
 * {@code partitions} lists the partitions of a run across machines (empty for a run on one machine).
 * The numbers add up: {@code seen = delivered + failed + left + skipped + deferred}, and
 * {@code taken = delivered + failed + left}.
 */
public record RunReport(
        long runId,
        String status,
        String mode,
        String stages,
        String durability,
        String inbox,
        String processed,
        String failedDir,
        Instant started,
        Instant finished,
        double wallSeconds,
        long seen,
        long taken,
        long delivered,
        long retitled,
        long unchanged,
        long failed,
        long left,
        long skipped,
        long deferred,
        long bytes,
        double filesPerSecond,
        String error,
        List<Long> workerStartupMillis,
        List<FileProblem> failures,
        List<FileProblem> lefts,
        List<FileProblem> skips,
        List<FileProblem> deferrals,
        RunMeasurements measurements,
        List<PartitionReport> partitions) {

    public RunReport {
        workerStartupMillis = workerStartupMillis == null ? List.of() : List.copyOf(workerStartupMillis);
        failures = failures == null ? List.of() : List.copyOf(failures);
        lefts = lefts == null ? List.of() : List.copyOf(lefts);
        skips = skips == null ? List.of() : List.copyOf(skips);
        deferrals = deferrals == null ? List.of() : List.copyOf(deferrals);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }
}
