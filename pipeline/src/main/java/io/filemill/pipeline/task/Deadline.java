package io.filemill.pipeline.task;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The time by which the work on one file must end, checked cooperatively in the engine's loops
 * (a thread cannot be killed). {@link #check} is cheap enough for every line: it reads the clock
 * only every {@value #CLOCK_EVERY} calls. One instance serves one file on one thread.
 */
public final class Deadline {

    private static final int CLOCK_EVERY = 256;

    private final Duration budget;
    private final long expiresAt;
    private final boolean unlimited;
    private int calls;

    private Deadline(Duration budget, long expiresAt, boolean unlimited) {
        this.budget = budget;
        this.expiresAt = expiresAt;
        this.unlimited = unlimited;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("a deadline needs a positive budget: " + budget);
        }
        return new Deadline(budget, System.nanoTime() + budget.toNanos(), false);
    }

    /** No time limit; a stop (thread interrupt) is still noticed. */
    public static Deadline none() {
        return new Deadline(Duration.ZERO, 0, true);
    }

    /**
     * Called in loops: throws once the deadline has passed (or the thread was interrupted), looking
     * at the clock every few calls.
     *
     * @throws DeadlineExceededException past the deadline
     * @throws CancellationException     when the thread was interrupted: the run is stopping
     */
    public void check() {
        if (++calls % CLOCK_EVERY == 0) {
            checkNow();
        }
    }

    /** Like {@link #check}, reading the clock now: for places passed once per file or per chunk. */
    public void checkNow() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("stopped: the run is stopping");
        }
        if (!unlimited && System.nanoTime() - expiresAt > 0) {
            throw new DeadlineExceededException(budget);
        }
    }
}
