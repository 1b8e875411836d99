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
 * @param mode         its permission bits when it was scanned ({@code 0644} is {@code rw-r--r--}), or
 *                     {@link #UNKNOWN_MODE}: the staged copy is then given the original's permissions
 *                     as they are when it is written
 */
public record FileTask(long id, Path source, String relativeName, long size, int mode) {

    /** The permissions were not scanned (a file system without POSIX permissions, or a caller that did not look). */
    public static final int UNKNOWN_MODE = -1;

    /** A task whose permissions were not scanned. */
    public FileTask(long id, Path source, String relativeName, long size) {
        this(id, source, relativeName, size, UNKNOWN_MODE);
    }

    public FileTask {
        if (mode != UNKNOWN_MODE && (mode & ~0777) != 0) {
            throw new IllegalArgumentException("mode must be permission bits (0 to 0777): " + Integer.toOctalString(mode));
        }
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
