package io.filemill.pipeline.bench;

import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.RetitleResult;
import io.filemill.pipeline.wire.Codecs;
import io.filemill.pipeline.wire.Frame;
import io.filemill.pipeline.wire.FrameReader;
import io.filemill.pipeline.wire.FrameType;
import io.filemill.pipeline.wire.FrameWriter;
import io.filemill.pipeline.wire.Messages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The worker pipe's hot path: a request frame (a file task) and a reply frame (a rewritten result),
 * each encoded and written (and flushed, as the parent does per request) to a pipe, and read and
 * decoded from one, as the parent and a worker do once per file. One writer and one reader serve
 * all iterations, as one worker's pipes do; the pipe itself is left out (a sink and a loop).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBenchmark {

    private final FileTask task = new FileTask(123_456, Path.of("/srv/filemill/inbox/reports/2026/q3 budget review.md"),
            "reports/2026/q3 budget review.md", 18_432);
    private final RetitleResult reply = new RetitleResult.Rewritten(task,
            Path.of("/srv/filemill/processed/.filemill-1a2b3c4d-123456.tmp"), "markdown", "q3   budget review",
            "Q3 Budget Review", 18_430);
    private final FrameWriter writer = new FrameWriter(OutputStream.nullOutputStream());
    private FrameReader requests;
    private FrameReader replies;
    private long id;

    @Setup
    public void openPipes() throws IOException {
        requests = new FrameReader(new Repeating(frame(FrameType.REQUEST, Messages.numbered(1, Codecs.FILE_TASK, task))));
        replies = new FrameReader(new Repeating(frame(FrameType.REPLY, Messages.numbered(1, Codecs.RETITLE_RESULT, reply))));
    }

    private static byte[] frame(FrameType type, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (FrameWriter frames = new FrameWriter(bytes)) {
            frames.write(type, payload);
        }
        return bytes.toByteArray();
    }

    @Benchmark
    public void encodeRequest() throws IOException {
        writer.writeAndFlush(FrameType.REQUEST, Messages.numbered(++id, Codecs.FILE_TASK, task));
    }

    @Benchmark
    public FileTask decodeRequest() throws IOException {
        Frame frame = requests.read();
        return Messages.readNumbered(frame.payload(), Codecs.FILE_TASK).value();
    }

    @Benchmark
    public void encodeReply() throws IOException {
        writer.writeAndFlush(FrameType.REPLY, Messages.numbered(++id, Codecs.RETITLE_RESULT, reply));
    }

    @Benchmark
    public RetitleResult decodeReply() throws IOException {
        Frame frame = replies.read();
        return Messages.readNumbered(frame.payload(), Codecs.RETITLE_RESULT).value();
    }

    /** An endless stream of one frame, over and over. */
    private static final class Repeating extends InputStream {
        private final byte[] bytes;
        private int position;

        Repeating(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            int b = bytes[position] & 0xff;
            position = (position + 1) % bytes.length;
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            int n = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position = (position + n) % bytes.length;
            return n;
        }
    }
}
