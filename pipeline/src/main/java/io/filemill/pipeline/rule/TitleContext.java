package io.filemill.pipeline.rule;

import io.filemill.pipeline.task.Deadline;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a rule may know besides the title.
 *
 * @param fileName the file's name without directories
 * @param date     the date of the run, for {@code {date}}
 * @param deadline the file's deadline, which a regular expression checks as it matches
 */
public record TitleContext(String fileName, LocalDate date, Deadline deadline) {

    public TitleContext {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** A context without a time limit. */
    public TitleContext(String fileName, LocalDate date) {
        this(fileName, date, Deadline.none());
    }

    /** The file name without its last extension, for {@code {name}}. */
    public String baseName() {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
