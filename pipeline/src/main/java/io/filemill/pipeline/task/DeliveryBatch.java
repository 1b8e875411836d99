package io.filemill.pipeline.task;

import java.util.List;
import java.util.Objects;

/**
 * Files handed to the deliver stage together, as one group commit.
 *
 * @param id unique within the state directory; names the batch's journal, so a batch retried
 *           after its worker died resumes where the dead worker stopped instead of starting over
 */
public record DeliveryBatch(String id, List<RetitleResult> results) {

    public DeliveryBatch {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || !id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("batch id must be a plain name: " + id);
        }
        results = List.copyOf(results);
    }
}
