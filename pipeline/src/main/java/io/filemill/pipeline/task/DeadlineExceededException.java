package io.filemill.pipeline.task;

import java.time.Duration;

/** The work on one file ran past its {@link Deadline}; the message says so and names the limit. */
public final class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException(Duration budget) {
        super("took longer than the file timeout of " + describe(budget));
    }

    /** A duration as an operator writes it: {@code 30s}, {@code 1500ms}, {@code 2m}. */
    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
