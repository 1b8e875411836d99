package io.filemill.pipeline.task;

import java.nio.file.Path;

/**
 * The rule that keeps filemill inside its directories: a path a stage is asked to touch must be
 * absolute, already normal (no {@code .} or {@code ..} in it) and strictly inside the directory it
 * belongs to. Stages check every path they receive, in threads and in worker JVMs alike, so a bug or
 * a damaged message can cost a file its delivery but never make filemill touch a file elsewhere.
 */
public final class Confinement {

    /** How a refused task's reason starts: a path lies outside the configured directories. */
    public static final String REFUSED = "refused, nothing touched: ";

    /** Prefix of every file filemill writes before publishing it (staged copies, reasons); never taken or delivered. */
    public static final String STAGING_PREFIX = ".filemill-";

    /** Suffix of every staged file's name. */
    public static final String STAGING_SUFFIX = ".tmp";

    private Confinement() {
    }

    /** Why a task must not be touched, or null: its source must be the inbox file its relative name names. */
    public static String refusalOutsideInbox(Path inbox, FileTask task) {
        return inInbox(inbox, task) ? null : REFUSED + task.source() + " is not inside the inbox " + inbox;
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
