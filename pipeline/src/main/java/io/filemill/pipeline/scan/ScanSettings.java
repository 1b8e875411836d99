package io.filemill.pipeline.scan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the scanner takes from the inbox.
 *
 * @param recursive   whether subdirectories are scanned (relative paths are kept)
 * @param include     globs a file's relative path must match (any of them); empty takes every file
 * @param exclude     globs that rule a file out
 * @param minAge      a file is ready once it has not been modified for this long (it is no longer
 *                    being written); younger files are deferred to a later run
 * @param readyMarker when set (for example {@code .done}), a file is ready only once a marker file
 *                    of its name plus this suffix exists; markers themselves are never taken
 * @param readAhead   how many taken files are read into the page cache at once ahead of the
 *                    retitle workers ({@link ReadAhead}); 0 reads none ahead
 */
public record ScanSettings(boolean recursive, List<String> include, List<String> exclude, Duration minAge,
                           String readyMarker, int readAhead) {

    /** What {@code filemill.scan.read-ahead} is unless set. */
    public static final int DEFAULT_READ_AHEAD = 4;
    public static final int MAX_READ_AHEAD = 64;

    /** Settings that read {@value #DEFAULT_READ_AHEAD} files ahead. */
    public ScanSettings(boolean recursive, List<String> include, List<String> exclude, Duration minAge,
                        String readyMarker) {
        this(recursive, include, exclude, minAge, readyMarker, DEFAULT_READ_AHEAD);
    }

    public ScanSettings {
        include = List.copyOf(Objects.requireNonNull(include, "include"));
        exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
        Objects.requireNonNull(minAge, "minAge");
        if (minAge.isNegative()) {
            throw new IllegalArgumentException("minAge must not be negative: " + minAge);
        }
        if (readyMarker != null && (readyMarker.isEmpty() || readyMarker.contains("/"))) {
            throw new IllegalArgumentException("readyMarker must be a plain suffix such as .done: " + readyMarker);
        }
        if (readAhead < 0 || readAhead > MAX_READ_AHEAD) {
            throw new IllegalArgumentException("read-ahead must be between 0 and " + MAX_READ_AHEAD + ", not " + readAhead);
        }
    }

    /** Every regular file at the top of the inbox, however new. */
    public static ScanSettings defaults() {
        return new ScanSettings(false, List.of(), List.of(), Duration.ZERO, null);
    }
}
