package io.filemill.pipeline.task;

import java.nio.file.Path;
import java.util.Objects;

/** What the retitle stage made of one file. The deliver stage takes it from here. */
public sealed interface RetitleResult {

    FileTask task();

    /**
     * The title changed: the new content is staged in a temporary file beside the processed directory.
     *
     * @param staged temporary file holding the rewritten content
     * @param bytes  size of the staged content
     */
    record Rewritten(FileTask task, Path staged, String format, String oldTitle, String newTitle, long bytes)
            implements RetitleResult {
        public Rewritten {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(staged, "staged");
        }
    }

    /** The file is valid text but keeps its content: no title, or the rules left the title as it was. */
    record Unchanged(FileTask task, String format, String title) implements RetitleResult {
        public Unchanged {
            Objects.requireNonNull(task, "task");
        }
    }

    /** The file cannot be handled; it belongs in the failed directory. */
    record Rejected(FileTask task, String reason) implements RetitleResult {
        public Rejected {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
