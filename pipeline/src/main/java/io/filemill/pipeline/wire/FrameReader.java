package io.filemill.pipeline.wire;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads {@code [int length][byte type][payload]} frames; {@code length} counts type and payload.
 * One thread reads; any thread may look at the counts. */
public final class FrameReader {

    private final DataInputStream in;
    private volatile long frames;
    private volatile long bytes;

    public FrameReader(InputStream in) {
        this.in = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
    }

    /** Whole frames read so far. */
    public long frames() {
        return frames;
    }

    /** Bytes of whole frames read so far, headers included. */
    public long bytes() {
        return bytes;
    }

    /**
     * The next frame, or null at a clean end of stream (between frames).
     *
     * @throws MalformedFrameException on a bad length or type, or a stream that ends inside a frame
     */
    public Frame read() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        try {
            int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
                    | in.readUnsignedByte();
            if (length < 1 || length - 1 > Frame.MAX_PAYLOAD) {
                throw new MalformedFrameException("bad frame length " + length);
            }
            FrameType type = FrameType.of(in.readByte());
            // read as it arrives: a damaged length must not allocate its claim before the bytes exist
            byte[] payload = in.readNBytes(length - 1);
            if (payload.length < length - 1) {
                throw new MalformedFrameException("stream ended inside a frame");
            }
            frames++; // one reading thread; others only look
            bytes += Frame.HEADER_BYTES + payload.length;
            return new Frame(type, payload);
        } catch (EOFException e) {
            throw new MalformedFrameException("stream ended inside a frame");
        }
    }
}
