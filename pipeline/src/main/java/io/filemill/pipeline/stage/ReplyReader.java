package io.filemill.pipeline.stage;

import io.filemill.pipeline.task.EngineBugException;
import io.filemill.pipeline.wire.Codec;
import io.filemill.pipeline.wire.Frame;
import io.filemill.pipeline.wire.MalformedFrameException;
import io.filemill.pipeline.wire.Messages;
import java.io.IOException;

/**
 * Reads one worker's replies on that worker's reader thread and completes each request's reply;
 * requests the worker hands back (recalled by the {@link Watchdog}) go back to the pool.
 * Completing never blocks (see {@link StageRunner#submit}), so replies are taken as fast as the
 * worker writes them and no healthy request ages toward the task timeout while the parent is busy.
 */
final class ReplyReader<I, O> {

    /** Hears what becomes of a worker's requests besides their replies. */
    interface Events<I, O> {
        /** The worker ended (exited, broke its pipe, sent garbage). */
        void ended(WorkerProcess<I, O> worker, String cause);

        /** The worker handed back a request it had not started. */
        void handedBack(Pending<I, O> pending);

        /** The worker answered a request: there may be room for requests that wait. */
        void answered();
    }

    private final Codec<O> replies;
    private final Events<I, O> events;

    ReplyReader(Codec<O> replies, Events<I, O> events) {
        this.replies = replies;
        this.events = events;
    }

    /** Reads until the worker's stdout ends or breaks, then reports how it ended. */
    void readAll(WorkerProcess<I, O> worker) {
        String cause;
        try {
            for (Frame frame; (frame = worker.reader.read()) != null; ) {
                switch (frame.type()) {
                    case REPLY -> {
                        Messages.Numbered<O> reply = Messages.readNumbered(frame.payload(), replies);
                        pendingFor(worker, reply.id()).reply.complete(reply.value());
                    }
                    case FAILURE -> {
                        Messages.Numbered<String> failure = Messages.readFailure(frame.payload());
                        pendingFor(worker, failure.id()).reply.completeExceptionally(
                                EngineBugException.isEngineBug(failure.value()) ? new EngineBugException(failure.value())
                                        : new StageFailedException(failure.value()));
                    }
                    case RECALLED -> {
                        long id = Messages.readId(frame.payload());
                        Pending<I, O> pending = worker.handedBack(id);
                        if (pending == null) {
                            throw new MalformedFrameException("handed back unknown request " + id);
                        }
                        events.handedBack(pending);
                        continue;
                    }
                    default -> throw new MalformedFrameException("unexpected " + frame.type() + " frame");
                }
                events.answered();
            }
            cause = "exited" + worker.exitDescription();
        } catch (MalformedFrameException e) {
            cause = "sent a malformed frame (" + e.getMessage() + ")";
        } catch (IOException e) {
            cause = "broke its pipe (" + e.getMessage() + ")" + worker.exitDescription();
        }
        events.ended(worker, cause);
    }

    private Pending<I, O> pendingFor(WorkerProcess<I, O> worker, long id) throws IOException {
        Pending<I, O> pending = worker.answered(id);
        if (pending == null) {
            throw new MalformedFrameException("reply to unknown request " + id);
        }
        return pending;
    }
}
