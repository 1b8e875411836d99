package io.filemill.worker;

import io.filemill.pipeline.stage.Stage;
import io.filemill.pipeline.wire.Frame;
import io.filemill.pipeline.wire.FrameReader;
import io.filemill.pipeline.wire.FrameType;
import io.filemill.pipeline.wire.FrameWriter;
import io.filemill.pipeline.wire.MalformedFrameException;
import io.filemill.pipeline.wire.Messages;
import io.filemill.pipeline.wire.StageDefinition;
import io.filemill.pipeline.wire.WireInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's life: read HELLO (protocol version, stage name, stage settings), build the stage,
 * answer READY, then answer each REQUEST with a REPLY (or a FAILURE when the stage throws), in
 * order, on one stage thread, while the main thread reads ahead. Replies are flushed when no more
 * requests wait, so a busy worker writes them in batches. Ends at end of input.
 *
 * <p>Exit codes: 0 at end of input, 2 a bad handshake, 3 a malformed frame, 4 an I/O error.
 */
public final class Worker {

    /** Runs the worker over the given streams and returns its exit code. */
    public int run(InputStream in, OutputStream out, PrintStream log) {
        FrameReader reader = new FrameReader(in);
        FrameWriter writer = new FrameWriter(out);
        try {
            Frame hello = reader.read();
            if (hello == null) {
                return 0;
            }
            if (hello.type() != FrameType.HELLO) {
                log.println("ERROR expected HELLO, got " + hello.type());
                return 2;
            }
            WireInput input = new WireInput(hello.payload());
            int version = input.readInt();
            if (version != StageDefinition.PROTOCOL_VERSION) {
                log.println("ERROR parent speaks protocol " + version + ", worker " + StageDefinition.PROTOCOL_VERSION);
                return 2;
            }
            String name = input.readRequiredString();
            StageDefinition<?, ?, ?> definition = StageDefinition.byName(name);
            if (definition == null) {
                log.println("ERROR unknown stage '" + name + "'");
                return 2;
            }
            return serve(definition, input, reader, writer, log);
        } catch (MalformedFrameException e) {
            log.println("ERROR malformed frame from parent: " + e.getMessage());
            return 3;
        } catch (IOException e) {
            log.println("ERROR " + e);
            return 4;
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
        ExecutorService stageThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stage-" + definition.name());
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger waiting = new AtomicInteger();
        try {
            for (Frame frame; (frame = reader.read()) != null; ) {
                if (frame.type() != FrameType.REQUEST) {
                    throw new MalformedFrameException("expected REQUEST, got " + frame.type());
                }
                Messages.Numbered<I> request = Messages.readNumbered(frame.payload(), definition.request());
                waiting.incrementAndGet();
                stageThread.execute(() -> answer(definition, stage, request, writer, waiting, log));
            }
            return 0;
        } finally {
            stageThread.shutdown();
            try {
                stageThread.awaitTermination(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer.flush();
        }
    }

    private static <I, O> void answer(StageDefinition<?, I, O> definition, Stage<I, O> stage,
                                      Messages.Numbered<I> request, FrameWriter writer, AtomicInteger waiting,
                                      PrintStream log) {
        byte[] payload;
        FrameType type;
        try {
            payload = Messages.numbered(request.id(), definition.reply(), stage.run(request.value()));
            type = FrameType.REPLY;
        } catch (Exception e) {
            log.println("WARN request " + request.id() + " failed: " + e);
            payload = Messages.failure(request.id(), String.valueOf(e));
            type = FrameType.FAILURE;
        }
        try {
            writer.write(type, payload);
            if (waiting.decrementAndGet() == 0) {
                writer.flush();
            }
        } catch (IOException parentGone) {
            log.println("ERROR cannot write to the parent, exiting: " + parentGone);
            System.exit(4);
        }
    }
}
