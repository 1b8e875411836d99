package io.filemill.pipeline.rule;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a rule may know besides the title.
 *
 * @param fileName the file's name without directories
 * @param date     the date of the run, for {@code {date}}
 */
public record TitleContext(String fileName, LocalDate date) {

    public TitleContext {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(date, "date");
    }

    /** The file name without its last extension, for {@code {name}}. */
    public String baseName() {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
