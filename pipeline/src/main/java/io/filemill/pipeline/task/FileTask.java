package io.filemill.pipeline.task;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file taken from the inbox.
 *
 * @param id           number of the file within its run, from 1
 * @param source       where the file is in the inbox
 * @param relativeName its path relative to the inbox, with {@code /} separators
 * @param size         its size in bytes when it was scanned
 */
public record FileTask(long id, Path source, String relativeName, long size) {

    public FileTask {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(relativeName, "relativeName");
        if (relativeName.isEmpty() || relativeName.startsWith("/") || relativeName.contains("..")) {
            throw new IllegalArgumentException("relativeName must be a plain relative path: " + relativeName);
        }
    }

    /** The file's own name, without directories. */
    public String fileName() {
        return relativeName.substring(relativeName.lastIndexOf('/') + 1);
    }
}
