package io.filemill.pipeline.task;

import java.nio.file.Path;
import java.util.Objects;

/** Where a file ended: delivered to the processed directory, or failed with its reason. */
public sealed interface Outcome {

    FileTask task();

    /**
     * Delivered under {@code target}; {@code changed} says whether its title was rewritten.
     * The titles are null when the file had none.
     */
    record Delivered(FileTask task, Path target, boolean changed, String oldTitle, String newTitle, long bytes)
            implements Outcome {
        public Delivered {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * Not delivered. {@code location} is where the original is now: in the failed directory, or
     * still in the inbox when it could not be moved (null when it vanished).
     */
    record Failed(FileTask task, Path location, String reason) implements Outcome {
        public Failed {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * A file left in the inbox is no failure of the file's: the machine, a stop or a stage failed,
         * and a later run takes it again.
         */
        public static Failed leftInInbox(FileTask task, String reason) {
            return new Failed(task, task.source(), reason);
        }

        /** Whether the original is still in the inbox, for a later run. */
        public boolean isLeftInInbox() {
            return task.source().equals(location);
        }
    }
}
