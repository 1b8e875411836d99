package io.filemill.pipeline.stage;

/**
 * What a process runner does for a request a worker died on: undo what the worker may have begun
 * for it (its staged output, say), and answer it with the stage's crash reply when it is given up on.
 */
final class Undo<S, I, O> {

    private final StageDefinition<S, I, O> stage;
    private final S settings;
    private final WorkerLogSink logSink;

    Undo(StageDefinition<S, I, O> stage, S settings, WorkerLogSink logSink) {
        this.stage = stage;
        this.settings = settings;
        this.logSink = logSink;
    }

    /** Undoes what a dead worker may have begun for a request; call once the worker is surely gone. */
    void abandon(Pending<I, O> pending) {
        try {
            stage.abandon().accept(settings, pending.input);
        } catch (RuntimeException e) {
            warn("cannot undo request " + pending.id + ": " + e.getMessage());
        }
    }

    /** Gives up on a request that took down too many workers: undoes it, then answers it with {@code reason}. */
    void giveUp(Pending<I, O> culprit, String reason) {
        abandon(culprit);
        culprit.reply.complete(stage.crashReply().apply(culprit.input, reason));
    }

    void warn(String message) {
        logSink.line("worker-" + stage.name(), "WARN " + message);
    }
}
