package io.filemill.pipeline.stage;

/** A process runner gave up: its workers could not be started, or kept dying. */
public final class WorkerPoolException extends RuntimeException {

    public WorkerPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
