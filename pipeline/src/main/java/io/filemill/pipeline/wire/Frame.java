package io.filemill.pipeline.wire;

import java.util.Objects;

/** One message: a type and its payload. */
public record Frame(FrameType type, byte[] payload) {

    /** Frames larger than this are refused as malformed: no legitimate message comes close. */
    public static final int MAX_PAYLOAD = 64 << 20;

    /** The length and type in front of every payload. */
    public static final int HEADER_BYTES = 5;

    public Frame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
