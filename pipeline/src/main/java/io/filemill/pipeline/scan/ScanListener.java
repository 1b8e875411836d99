package io.filemill.pipeline.scan;

import java.nio.file.Path;

/** Hears about every inbox entry the scanner passes over, with the reason. */
@FunctionalInterface
public interface ScanListener {

    void skipped(Path path, String reason);

    ScanListener NONE = (path, reason) -> {
    };
}
