package io.filemill.app.cli;

import io.filemill.app.job.RunResult;
import io.filemill.app.stop.Shutdown;

/** The documented exit codes of every command: the one place they are decided. */
public final class ExitCodes {

    /** Every file was delivered. */
    public static final int OK = 0;
    /** The run finished, but some files went to the failed directory. */
    public static final int FILES_FAILED = 1;
    /** A fatal error or a bad configuration; the message names the cause. */
    public static final int FATAL = 2;
    /** Another run holds the lock (EX_TEMPFAIL: try again later). */
    public static final int LOCKED = 75;

    private ExitCodes() {
    }

    /** A run's exit code: a stopped run exits with the stopping signal's code (130, 143). */
    static int of(RunResult result, Shutdown shutdown) {
        return switch (result) {
            case DELIVERED -> OK;
            case INCOMPLETE -> FILES_FAILED;
            case FAILED -> FATAL;
            case STOPPED -> shutdown.exitCode();
        };
    }
}
