package io.filemill.worker;

import io.filemill.pipeline.catalog.StageCatalog;
import io.filemill.pipeline.concurrent.Threads;
import io.filemill.pipeline.stage.Stage;
import io.filemill.pipeline.stage.StageDefinition;
import io.filemill.pipeline.task.EngineBugException;
import io.filemill.pipeline.wire.Frame;
import io.filemill.pipeline.wire.FrameReader;
import io.filemill.pipeline.wire.FrameType;
import io.filemill.pipeline.wire.FrameWriter;
import io.filemill.pipeline.wire.MalformedFrameException;
import io.filemill.pipeline.wire.Messages;
import io.filemill.pipeline.wire.WireInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's life: read HELLO (protocol version, stage name, stage settings), build the stage,
 * answer READY, then answer each REQUEST with a REPLY (or a FAILURE when the stage throws), in
 * order, on one stage thread, while the main thread reads ahead. A RECALL hands a request back
 * (RECALLED) if the stage thread has not taken it yet; otherwise it is answered as usual. Replies are flushed when no more
 * requests wait, and at least every {@value #FLUSH_MILLIS} ms, so the parent sees each reply
 * about when it was made, also while the next request takes long. Ends at end of input.
 *
 * <p>Exit codes are {@link WorkerExitCodes}' (when replies cannot be written, {@code parentGone}
 * decides; {@link WorkerMain} halts with {@link WorkerExitCodes#ORPHANED}).
 */
public final class Worker {

    static final int FLUSH_MILLIS = 10;

    /** How long a worker at end of input waits for the request in hand before it gives up on it. */
    private static final long FINISH_SECONDS = 10;

    /** Put in the queue after the last request: the stage thread ends when it takes it. */
    private static final Messages.Numbered<?> END_OF_INPUT = new Messages.Numbered<>(-1, null);

    private final Runnable parentGone;

    /** @param parentGone what to do when replies cannot be written: the parent is gone */
    public Worker(Runnable parentGone) {
        this.parentGone = parentGone;
    }

    /** Runs the worker over the given streams and returns its exit code. */
    public int run(InputStream in, OutputStream out, PrintStream log) {
        FrameReader reader = new FrameReader(in);
        FrameWriter writer = new FrameWriter(out);
        try {
            Frame hello = reader.read();
            if (hello == null) {
                return WorkerExitCodes.END_OF_INPUT;
            }
            if (hello.type() != FrameType.HELLO) {
                log.println("ERROR expected HELLO, got " + hello.type());
                return WorkerExitCodes.BAD_HANDSHAKE;
            }
            WireInput input = new WireInput(hello.payload());
            int version = input.readInt();
            if (version != Messages.PROTOCOL_VERSION) {
                log.println("ERROR parent speaks protocol " + version + ", worker " + Messages.PROTOCOL_VERSION);
                return WorkerExitCodes.BAD_HANDSHAKE;
            }
            String name = input.readRequiredString();
            StageDefinition<?, ?, ?> definition = StageCatalog.byName(name);
            if (definition == null) {
                log.println("ERROR unknown stage '" + name + "'");
                return WorkerExitCodes.BAD_HANDSHAKE;
            }
            return serve(definition, input, reader, writer, log);
        } catch (MalformedFrameException e) {
            log.println("ERROR malformed frame from parent: " + e.getMessage());
            return WorkerExitCodes.MALFORMED_FRAME;
        } catch (IOException e) {
            log.println("ERROR " + e);
            return WorkerExitCodes.ORPHANED;
        }
    }

    private <S, I, O> int serve(StageDefinition<S, I, O> definition, WireInput hello, FrameReader reader,
                                FrameWriter writer, PrintStream log) throws IOException {
        S settings;
        try {
            settings = definition.settings().read(hello);
            hello.end();
        } catch (RuntimeException invalid) {
            throw new MalformedFrameException("invalid stage settings: " + invalid.getMessage());
        }
        Stage<I, O> stage = definition.factory().apply(settings);
        writer.writeAndFlush(FrameType.READY, Messages.ready(ProcessHandle.current().pid()));
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(Threads.daemon("flush-replies"));
        flusher.scheduleWithFixedDelay(() -> flush(writer, log), FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        BlockingDeque<Messages.Numbered<I>> queue = new LinkedBlockingDeque<>();
        AtomicInteger waiting = new AtomicInteger();
        Thread stageThread = Threads.daemon("stage-" + definition.name()).newThread(() -> {
            try {
                for (Messages.Numbered<I> request; (request = queue.take()) != END_OF_INPUT; ) {
                    answer(definition, stage, request, writer, waiting, log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stageThread.start();
        try {
            for (Frame frame; (frame = reader.read()) != null; ) {
                if (frame.type() == FrameType.RECALL) {
                    long id = Messages.readId(frame.payload());
                    // removing it from the queue is atomic with the stage thread taking it: a request is
                    // either handed back or answered, never both
                    if (queue.removeIf(queued -> queued.id() == id)) {
                        waiting.decrementAndGet();
                        writer.writeAndFlush(FrameType.RECALLED, Messages.id(id));
                    }
                    continue;
                }
                if (frame.type() != FrameType.REQUEST) {
                    throw new MalformedFrameException("expected REQUEST, got " + frame.type());
                }
                waiting.incrementAndGet();
                queue.add(Messages.readNumbered(frame.payload(), definition.request()));
            }
            return WorkerExitCodes.END_OF_INPUT;
        } finally {
            @SuppressWarnings("unchecked")
            Messages.Numbered<I> end = (Messages.Numbered<I>) END_OF_INPUT;
            queue.add(end);
            try {
                stageThread.join(TimeUnit.SECONDS.toMillis(FINISH_SECONDS));
                if (stageThread.isAlive()) {
                    log.println("WARN end of input with a request still running after " + FINISH_SECONDS
                            + " s; exiting without its reply");
                } else {
                    closeStage(stage, log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flusher.shutdownNow();
            writer.flush();
        }
    }

    private static void closeStage(Stage<?, ?> stage, PrintStream log) {
        try {
            stage.close();
        } catch (Exception e) {
            log.println("WARN cannot close the stage: " + e);
        }
    }

    private <I, O> void answer(StageDefinition<?, I, O> definition, Stage<I, O> stage, Messages.Numbered<I> request,
                        FrameWriter writer, AtomicInteger waiting, PrintStream log) {
        byte[] payload;
        FrameType type;
        try {
            payload = Messages.numbered(request.id(), definition.reply(), stage.run(request.value()));
            type = FrameType.REPLY;
        } catch (Exception e) {
            log.println("WARN request " + request.id() + " failed: " + e);
            // an engine bug's message starts with its marker, which the parent reads back (EngineBugException)
            payload = Messages.failure(request.id(), e instanceof EngineBugException ? e.getMessage() : String.valueOf(e));
            type = FrameType.FAILURE;
        }
        try {
            writer.write(type, payload);
            if (waiting.decrementAndGet() == 0) {
                writer.flush();
            }
        } catch (IOException e) {
            log.println("ERROR cannot write to the parent, exiting: " + e);
            parentGone.run();
        }
    }

    private void flush(FrameWriter writer, PrintStream log) {
        try {
            writer.flushIfWritten();
        } catch (IOException e) {
            log.println("ERROR cannot write to the parent, exiting: " + e);
            parentGone.run();
        }
    }
}
