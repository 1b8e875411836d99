package io.filemill.app.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/** The terminal summary of a run across machines: a line per partition, then the totals. */
final class ClusterSummary {

    private ClusterSummary() {
    }

    static String render(JobExecution job, List<StepExecution> partitions, long skipped, long deferred) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "run %d across machines: %s%n", job.getId(), job.getStatus()));
        out.append(String.format(Locale.ROOT, "  %-22s %-24s %8s %9s %7s %6s %8s  %s%n", "partition", "node", "files",
                "delivered", "failed", "gone", "seconds", "status"));
        long files = 0;
        long delivered = 0;
        long failed = 0;
        for (StepExecution partition : partitions) {
            var context = partition.getExecutionContext();
            long taken = context.getLong(InboxPartitioner.FILES, 0);
            files += taken;
            delivered += partition.getWriteCount();
            failed += partition.getProcessSkipCount();
            out.append(String.format(Locale.ROOT, "  %-22s %-24s %8d %9d %7d %6d %8.1f  %s%n",
                    partition.getStepName().substring(partition.getStepName().indexOf(':') + 1),
                    context.containsKey(PartitionTasklet.NODE) ? context.getString(PartitionTasklet.NODE) : "-",
                    taken, partition.getWriteCount(), partition.getProcessSkipCount(),
                    context.getLong(PartitionTasklet.GONE, 0), seconds(partition), partition.getStatus()));
        }
        out.append(String.format(Locale.ROOT, "  %-22s %-24s %8d %9d %7d%n", "total", partitions.size() + " partitions",
                files, delivered, failed));
        if (skipped + deferred > 0) {
            out.append(String.format(Locale.ROOT, "  %d skipped, %d not ready yet (left in the inbox)%n", skipped, deferred));
        }
        return out.toString();
    }

    private static double seconds(StepExecution partition) {
        if (partition.getStartTime() == null || partition.getEndTime() == null) {
            return 0;
        }
        return Duration.between(partition.getStartTime(), partition.getEndTime()).toMillis() / 1000.0;
    }
}
