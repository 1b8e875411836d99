package io.filemill.pipeline.stage;

import java.util.List;

/**
 * Who pays when a worker ends. A worker answers in order, so only the request it was working on
 * can have taken it down: that one is charged, and given up once it has taken down
 * {@link Supervision#maxAttempts()} workers. A timeout counts like a crash: a stopped or stalled
 * machine is no fault of the file's, and the stage's own deadline ends slow files without killing
 * anything. Every other request the worker held is innocent.
 */
final class Blame {

    private Blame() {
    }

    /** The request the worker was working on, of those it held; null when it had started none. */
    static <I, O> Pending<I, O> culprit(List<Pending<I, O>> held) {
        return WorkerProcess.current(held);
    }

    /** Charges the culprit one more worker; true when that was its last chance. */
    static boolean charge(Pending<?, ?> culprit, Supervision supervision) {
        return ++culprit.attempts >= supervision.maxAttempts();
    }

    /** The reason a request given up on is recorded with. */
    static String reason(Pending<?, ?> culprit, boolean timedOut, Supervision supervision) {
        return timedOut ? ProcessStageRunner.TIMEOUT_REASON + " (" + supervision.taskTimeout().toMillis() + " ms, "
                + culprit.attempts + " workers)" : ProcessStageRunner.CRASH_REASON;
    }
}
