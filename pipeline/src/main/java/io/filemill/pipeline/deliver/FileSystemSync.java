package io.filemill.pipeline.deliver;

import java.io.IOException;
import java.nio.file.Path;

/** Forces to disk, in one call, everything written so far to the file system that holds a directory. */
@FunctionalInterface
interface FileSystemSync {

    /**
     * Returns once every file written to the file system of {@code directory} is on disk.
     *
     * @throws IOException when something could not be written: which files is not known
     */
    void sync(Path directory) throws IOException;
}
