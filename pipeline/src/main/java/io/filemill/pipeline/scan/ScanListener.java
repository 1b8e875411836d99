package io.filemill.pipeline.scan;

import java.nio.file.Path;

/** Hears about every inbox entry the scanner passes over, with the reason. */
@FunctionalInterface
public interface ScanListener {

    /** Passed over for good: a symbolic link, a special file, an unreadable entry. */
    void skipped(Path path, String reason);

    /** Not ready yet (still being written, or no marker): a later run takes it. */
    default void deferred(Path path, String reason) {
    }

    ScanListener NONE = (path, reason) -> {
    };
}
