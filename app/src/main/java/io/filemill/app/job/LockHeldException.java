package io.filemill.app.job;

import java.io.IOException;

/** Another run holds the lock; the message names it. */
public final class LockHeldException extends IOException {

    public LockHeldException(String message) {
        super(message);
    }
}
