package io.filemill.app.report;

import java.time.Instant;
import java.util.List;

/**
 * The record of one run, written as JSON to the state directory and shown as a summary table.
 * {@code delivered} counts every file now in processed/: {@code retitled} plus {@code unchanged}.
 */
public record RunReport(
        long runId,
        String status,
        String mode,
        int workers,
        String durability,
        String inbox,
        String processed,
        String failedDir,
        Instant started,
        Instant finished,
        double wallSeconds,
        long seen,
        long delivered,
        long retitled,
        long unchanged,
        long failed,
        long skipped,
        long bytes,
        double filesPerSecond,
        String error,
        List<FileProblem> failures,
        List<FileProblem> skips) {

    public RunReport {
        failures = List.copyOf(failures);
        skips = List.copyOf(skips);
    }
}
