package io.filemill.pipeline.stage;

import java.time.Duration;
import java.util.Objects;

/**
 * How a process runner watches its workers.
 *
 * @param startTimeout  how long a worker may take from launch to READY
 * @param taskTimeout   how long one request may take; a worker past it is killed and replaced
 * @param maxAttempts   how many workers a request may take down before it is given up on
 * @param maxRestarts   more restarts than this within {@code restartPeriod} stop the runner
 * @param restartPeriod the window in which restarts are counted
 */
public record Supervision(Duration startTimeout, Duration taskTimeout, int maxAttempts, int maxRestarts,
                          Duration restartPeriod) {

    public Supervision {
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(taskTimeout, "taskTimeout");
        Objects.requireNonNull(restartPeriod, "restartPeriod");
        if (maxAttempts < 1 || maxRestarts < 0) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 and maxRestarts at least 0");
        }
    }

    public static Supervision defaults() {
        return new Supervision(Duration.ofSeconds(30), Duration.ofMinutes(2), 3, 5, Duration.ofSeconds(10));
    }
}
