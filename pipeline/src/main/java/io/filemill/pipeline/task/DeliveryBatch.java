package io.filemill.pipeline.task;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Files handed to the deliver stage together, as one group commit.
 *
 * @param id unique within the state directory; names the batch's journal, so a batch retried
 *           after its worker died resumes where the dead worker stopped instead of starting over
 */
public record DeliveryBatch(String id, List<RetitleResult> results) {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public DeliveryBatch {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || !PLAIN_NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("batch id must be a plain name: " + id);
        }
        results = List.copyOf(results);
    }
}
