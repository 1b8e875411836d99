package io.filemill.pipeline.engine;

import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome;
import java.nio.file.Path;

/** Hears the fate of every file of a run. Called from pipeline threads: implementations are thread-safe. */
public interface RunListener {

    /** A file was taken from the inbox; its outcome follows. */
    default void taken(FileTask task) {
    }

    /** A file came out of the retitle stage (with its result, or without one) and goes on to delivery. */
    default void retitled(FileTask task) {
    }

    /** A file ended: delivered or failed. */
    void outcome(Outcome outcome);

    /** An inbox entry was passed over, with the reason (symbolic links, special files). */
    default void skipped(Path path, String reason) {
    }

    /** A file is not ready yet (still being written, or no marker); a later run takes it. */
    default void deferred(Path path, String reason) {
    }
}
