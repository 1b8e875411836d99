package io.filemill.app.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two locks a run holds: its state directory (the job repository, journals and reports are
 * one run's at a time) and its inbox (one run takes an inbox's files at a time, even when two
 * runs have different state directories). Taken in that order; a run that finds either held stops
 * with {@link LockHeldException}. The inbox lock is skipped when the inbox does not exist: such a
 * run stops on its configuration check before it touches any file.
 */
public final class RunLocks implements AutoCloseable {

    private final RunLock state;
    private final RunLock inbox;

    private RunLocks(RunLock state, RunLock inbox) {
        this.state = state;
        this.inbox = inbox;
    }

    /** Takes both locks without waiting, creating the state directory when missing. */
    public static RunLocks acquire(Path home, Path inbox) throws IOException {
        RunLock state = RunLock.acquire(Files.createDirectories(home));
        try {
            return new RunLocks(state, Files.isDirectory(inbox) ? RunLock.acquireInbox(inbox) : null);
        } catch (IOException | RuntimeException e) {
            state.close();
            throw e;
        }
    }

    /** Whether these locks guard exactly this state directory and inbox. */
    public boolean guards(Path home, Path inbox) {
        return state.directory().equals(home)
                && (this.inbox == null ? !Files.isDirectory(inbox) : this.inbox.directory().equals(inbox));
    }

    /** Releases both locks; closing again does nothing. */
    @Override
    public void close() throws IOException {
        try {
            if (inbox != null) {
                inbox.close();
            }
        } finally {
            state.close();
        }
    }
}
