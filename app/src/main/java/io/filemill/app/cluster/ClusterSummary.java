package io.filemill.app.cluster;

import io.filemill.app.report.PartitionReport;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.SummaryTable;
import java.nio.file.Path;
import java.util.Locale;

/** The terminal summary of a run across machines: a line per partition, then the summary of a run. */
final class ClusterSummary {

    private ClusterSummary() {
    }

    static String render(RunReport report, Path reportFile) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "run %d across machines: %s in %.1f s%n", report.runId(), report.status(),
                report.wallSeconds()));
        out.append(String.format(Locale.ROOT, "  %-14s %-24s %8s %9s %7s %6s %6s %8s  %s%n", "partition", "node", "files",
                "delivered", "failed", "left", "gone", "seconds", "status"));
        for (PartitionReport partition : report.partitions()) {
            out.append(String.format(Locale.ROOT, "  %-14s %-24s %8d %9d %7d %6d %6d %8.1f  %s%n", partition.name(),
                    partition.node(), partition.files(), partition.delivered(), partition.failed(), partition.left(),
                    partition.gone(), partition.seconds(), partition.status()));
        }
        out.append(SummaryTable.render(report, reportFile)); // the totals, and the first files failed, left, skipped
        return out.toString();
    }
}
