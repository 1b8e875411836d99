package io.filemill.pipeline.title;

import io.filemill.pipeline.task.Deadline;
import java.util.Optional;

/**
 * One way a document carries its title. Implementations are stateless and thread-safe, and take
 * time linear in the length of the head, whatever its content.
 */
public interface TitleFormat {

    /** Short name used in reports, for example {@code markdown}. */
    String name();

    /** Whether this format handles files with the given lower-case extension (no dot). */
    boolean handlesExtension(String extension);

    /**
     * Finds the title in the head of a document.
     *
     * @param head    the decoded start of the file (the whole file when it is small)
     * @param complete whether {@code head} is the whole file
     * @param deadline checked once per line
     * @return the title's location, or empty when the head has no title
     * @throws io.filemill.pipeline.task.DeadlineExceededException past the deadline
     */
    Optional<TitleLocation> locate(String head, boolean complete, Deadline deadline);

    /** {@link #locate(String, boolean, Deadline)} without a time limit. */
    default Optional<TitleLocation> locate(String head, boolean complete) {
        return locate(head, complete, Deadline.none());
    }
}
