package io.filemill.pipeline.wire;

import java.io.IOException;

/** The peer sent bytes that are not a valid frame; the connection cannot be trusted any more. */
public final class MalformedFrameException extends IOException {

    public MalformedFrameException(String message) {
        super(message);
    }
}
