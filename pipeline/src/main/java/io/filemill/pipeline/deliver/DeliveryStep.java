package io.filemill.pipeline.deliver;

import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult;

/** The state of one file within a batch being delivered. */
final class DeliveryStep {
    final RetitleResult result;
    Intent intent;
    boolean published;
    boolean originalGone;
    boolean refused;
    /** Not published because its staged file could not be forced; the staged file is discarded. */
    boolean held;
    Outcome outcome;

    DeliveryStep(RetitleResult result) {
        this.result = result;
    }

    FileTask task() {
        return result.task();
    }

    /** Whether this step still has to be published in this attempt of the batch. */
    boolean toPublish() {
        return !published && !refused && !held;
    }
}
