package io.filemill.pipeline.retitle;

import java.io.IOException;

/** The content is not UTF-8 text; the message says why and at which byte. */
final class BadTextException extends IOException {

    private final long offset;

    public BadTextException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
