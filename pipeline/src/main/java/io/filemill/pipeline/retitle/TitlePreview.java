package io.filemill.pipeline.retitle;

import io.filemill.pipeline.task.FileTask;

/**
 * What a run would do to a file's title, for dry runs. Titles are null when the file has none;
 * {@code problem} is set when the file could not be read as text.
 */
public record TitlePreview(FileTask task, String format, String oldTitle, String newTitle, String problem) {

    public boolean changes() {
        return problem == null && oldTitle != null && !oldTitle.equals(newTitle);
    }
}
