package io.filemill.app.cluster;

import io.filemill.app.config.RunSettings;
import io.filemill.app.report.PartitionReport;
import io.filemill.app.report.RunProblems;
import io.filemill.app.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The report of a run across machines, from its partitions as the job repository holds them: the
 * totals of {@code run-N.json}, a {@link PartitionReport} per partition, and the files that failed,
 * were left, skipped or deferred as the nodes named them ({@link RunProblems}; an attempt killed
 * before its end names none, its failures are in failed/ with their reasons all the same).
 */
final class ClusterReports {

    private ClusterReports() {
    }

    static RunReport of(JobExecution job, List<StepExecution> partitions, RunSettings settings, Instant started,
                        Instant finished, long skipped, long deferred, RunProblems problems) {
        long listed = 0;
        long taken = 0;
        long delivered = 0;
        long unchanged = 0;
        long failed = 0;
        long gone = 0;
        long bytes = 0;
        List<PartitionReport> reports = partitions.stream().map(ClusterReports::partition).toList();
        for (StepExecution partition : partitions) {
            ExecutionContext context = partition.getExecutionContext();
            listed += context.getLong(InboxPartitioner.FILES, 0);
            taken += partition.getReadCount();
            delivered += partition.getWriteCount();
            failed += partition.getProcessSkipCount();
            unchanged += context.getLong("unchanged", 0);
            gone += context.getLong(PartitionTasklet.GONE, 0);
            bytes += context.getLong("bytes", 0);
        }
        long left = Math.max(0, listed - delivered - failed - gone);
        double seconds = Math.max(0, Duration.between(started, finished).toNanos() / 1e9);
        String error = job.getStatus() == BatchStatus.STOPPED ? null : partitionFailure(partitions)
                .orElse(job.getAllFailureExceptions().stream().findFirst()
                        .map(e -> e.getMessage() == null ? e.toString() : e.getMessage()).orElse(null));
        return new RunReport(job.getId(), job.getStatus().name(), "cluster", partitions.size() + " partitions",
                settings.delivery().durability().name().toLowerCase(Locale.ROOT), settings.inbox().toString(),
                settings.processed().toString(), settings.failed().toString(), started, finished, seconds,
                listed + skipped + deferred, taken, delivered, delivered - unchanged, unchanged, failed, left, skipped,
                deferred, bytes, seconds > 0 ? (delivered + failed) / seconds : 0, error, List.of(), problems.failures(),
                problems.lefts(), problems.skips(), problems.deferrals(), null, reports);
    }

    /** Why the first failed partition failed, as its node recorded it: the first line of its exit description. */
    private static Optional<String> partitionFailure(List<StepExecution> partitions) {
        return partitions.stream().filter(partition -> partition.getStatus() == BatchStatus.FAILED)
                .map(partition -> ClusterRunService.partitionName(partition) + ": "
                        + partition.getExitStatus().getExitDescription().lines().findFirst().orElse("failed"))
                .findFirst();
    }

    private static PartitionReport partition(StepExecution partition) {
        ExecutionContext context = partition.getExecutionContext();
        double seconds = partition.getStartTime() == null || partition.getEndTime() == null ? 0
                : Duration.between(partition.getStartTime(), partition.getEndTime()).toMillis() / 1000.0;
        return new PartitionReport(ClusterRunService.partitionName(partition), ClusterRunService.nodeOf(partition),
                context.getLong(InboxPartitioner.FILES, 0), partition.getWriteCount(), partition.getProcessSkipCount(),
                context.getLong("left", 0), context.getLong(PartitionTasklet.GONE, 0), seconds,
                partition.getStatus().name());
    }
}
