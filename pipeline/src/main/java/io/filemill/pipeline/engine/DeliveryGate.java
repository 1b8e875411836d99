package io.filemill.pipeline.engine;

/**
 * Asked before every delivery batch: may this run still publish? A run of one partition of a run
 * across machines may not once it lost the partition's fence (another node took it over); its
 * batch is then not delivered, its files stay where they are for the new owner, and the run stops.
 */
@FunctionalInterface
public interface DeliveryGate {

    /** Why the run may no longer publish, or null while it may. */
    String closedBecause();

    /** A run that always may: a local run, whose run lock is held by the process itself. */
    DeliveryGate OPEN = () -> null;
}
