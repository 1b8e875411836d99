package io.filemill.app.cluster;

import io.filemill.pipeline.engine.DeliveryGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partition's run may publish while its fence holds: asked before every delivery batch, it
 * checks that the database session holding the partition's lock is alive. Once it is not (the run
 * across machines ended it after the node gave no sign of life), the gate stays closed.
 */
final class FenceGate implements DeliveryGate {

    private static final Logger log = LoggerFactory.getLogger(FenceGate.class);

    private final PartitionFence fence;
    private final long partition;
    private volatile String closed;

    FenceGate(PartitionFence fence, long partition) {
        this.fence = fence;
        this.partition = partition;
    }

    @Override
    public String closedBecause() {
        if (closed == null && !fence.held()) {
            closed = "lost the fence of partition " + partition + " (its database session is gone): another node "
                    + "owns it now";
            log.warn("partition {}: {}; nothing more is delivered here, the files in hand stay in the inbox",
                    partition, closed);
        }
        return closed;
    }
}
