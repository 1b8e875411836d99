package io.filemill.app.job;

/** How a run ended, as far as its caller must know; the command line maps it to an exit code. */
public enum RunResult {
    /** Every file taken was delivered (unchanged ones included). */
    DELIVERED("every file delivered"),
    /** The run finished, but some files went to the failed directory or were left in the inbox. */
    INCOMPLETE("finished, some files failed or were left in the inbox"),
    /** The run failed as a whole (a stage broke down, an engine bug); its report says why. */
    FAILED("the run failed"),
    /** A signal stopped the run; what was not delivered is still in the inbox. */
    STOPPED("stopped by a signal");

    private final String description;

    RunResult(String description) {
        this.description = description;
    }

    /** For log lines, for example {@code every file delivered}. */
    public String describe() {
        return description;
    }
}
