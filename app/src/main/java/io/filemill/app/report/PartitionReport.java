package io.filemill.app.report;

/**
 * One partition of a run across machines, in the run's report: its name, the node that ran it last
 * ({@code host:pid}, "-" when none did), the files its manifest lists, what became of them
 * ({@code gone}: no longer in the inbox when their turn came, delivered by an earlier attempt), its
 * time on the node and its status.
 */
public record PartitionReport(String name, String node, long files, long delivered, long failed, long left, long gone,
                              double seconds, String status) {
}
