package io.filemill.pipeline.wire;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes frames; thread-safe. Frames are buffered until {@link #flush()}. Counts what it wrote. */
public final class FrameWriter implements AutoCloseable {

    private final DataOutputStream out;
    private long frames;
    private long bytes;
    private boolean unflushed;

    public FrameWriter(OutputStream out) {
        this.out = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
    }

    public synchronized void write(FrameType type, byte[] payload) throws IOException {
        if (payload.length > Frame.MAX_PAYLOAD) {
            throw new IOException("frame payload too large: " + payload.length + " bytes");
        }
        out.writeInt(payload.length + 1);
        out.writeByte(type.code);
        out.write(payload);
        frames++;
        bytes += Frame.HEADER_BYTES + payload.length;
        unflushed = true;
    }

    /** Frames written so far. */
    public synchronized long frames() {
        return frames;
    }

    /** Bytes written so far, headers included. */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized void writeAndFlush(FrameType type, byte[] payload) throws IOException {
        write(type, payload);
        flush();
    }

    public synchronized void flush() throws IOException {
        out.flush();
        unflushed = false;
    }

    /** Flushes when frames were written since the last flush; otherwise does nothing. */
    public synchronized void flushIfWritten() throws IOException {
        if (unflushed) {
            flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
