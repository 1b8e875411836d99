package io.filemill.app.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file in the state directory that says a run is recorded as running in the job repository:
 * made before the job starts, removed once it has ended and been reported. A marker found by a
 * run that holds the lock was left by a run that died: the job repository shows it running until
 * a run marks it failed, so the next run is recorded, even one that finds the inbox empty.
 */
public final class RecordedRunMarker {

    static final String NAME = "run-in-progress";

    private RecordedRunMarker() {
    }

    /** Whether a run that died may still be shown running; call while holding the lock. */
    public static boolean leftByADeadRun(Path home) {
        return Files.exists(home.resolve(NAME));
    }

    static void mark(Path home) throws IOException {
        Files.createDirectories(home);
        if (!leftByADeadRun(home)) {
            Files.createFile(home.resolve(NAME));
        }
    }

    static void clear(Path home) throws IOException {
        Files.deleteIfExists(home.resolve(NAME));
    }
}
