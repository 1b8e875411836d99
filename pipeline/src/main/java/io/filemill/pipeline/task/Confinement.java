package io.filemill.pipeline.task;

import java.nio.file.Path;

/**
 * The rule that keeps filemill inside its directories: a path a stage is asked to touch must be
 * absolute, already normal (no {@code .} or {@code ..} in it) and strictly inside the directory it
 * belongs to. Stages check every path they receive, in threads and in worker JVMs alike, so a bug or
 * a damaged message can cost a file its delivery but never make filemill touch a file elsewhere.
 */
public final class Confinement {

    private Confinement() {
    }

    /** Whether {@code path} lies strictly inside {@code directory}. */
    public static boolean inside(Path directory, Path path) {
        return path != null && path.isAbsolute() && path.normalize().equals(path) && path.startsWith(directory)
                && !path.equals(directory);
    }

    /** Whether a task's source is the file its relative name names in the inbox. */
    public static boolean inInbox(Path inbox, FileTask task) {
        return inside(inbox, task.source()) && inbox.resolve(task.relativeName()).normalize().equals(task.source());
    }
}
