package io.filemill.app.cli;

/** The documented exit codes of every command. */
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
}
