package io.filemill.pipeline.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads a payload written by {@link WireOutput}; any inconsistency is a {@link MalformedFrameException}. */
public final class WireInput {

    private final ByteBuffer buffer;

    public WireInput(byte[] payload) {
        this.buffer = ByteBuffer.wrap(payload);
    }

    /** Makes sure {@code bytes} more bytes are there to read. */
    private ByteBuffer need(int bytes) throws MalformedFrameException {
        if (buffer.remaining() < bytes) {
            throw new MalformedFrameException("payload ends early");
        }
        return buffer;
    }

    public int readInt() throws MalformedFrameException {
        return need(Integer.BYTES).getInt();
    }

    public long readLong() throws MalformedFrameException {
        return need(Long.BYTES).getLong();
    }

    public int readByte() throws MalformedFrameException {
        return need(1).get();
    }

    public boolean readBoolean() throws MalformedFrameException {
        int value = readByte();
        if (value != 0 && value != 1) {
            throw new MalformedFrameException("bad boolean " + value);
        }
        return value == 1;
    }

    public String readString() throws MalformedFrameException {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > buffer.remaining()) {
            throw new MalformedFrameException("bad string length " + length);
        }
        String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }

    public String readRequiredString() throws MalformedFrameException {
        String value = readString();
        if (value == null) {
            throw new MalformedFrameException("missing string");
        }
        return value;
    }

    public Path readPath() throws MalformedFrameException {
        String value = readString();
        try {
            return value == null ? null : Path.of(value);
        } catch (RuntimeException e) {
            throw new MalformedFrameException("bad path: " + e.getMessage());
        }
    }

    /** Reads a count of items, refusing counts the remaining payload could not hold. */
    public int readCount() throws MalformedFrameException {
        int count = readInt();
        if (count < 0 || count > buffer.remaining()) {
            throw new MalformedFrameException("bad count " + count);
        }
        return count;
    }

    /** Asserts the payload was read to its end. */
    public void end() throws MalformedFrameException {
        if (buffer.hasRemaining()) {
            throw new MalformedFrameException(buffer.remaining() + " unexpected bytes at the end of a payload");
        }
    }
}
