package io.filemill.pipeline.stage;

/** The stage threw inside a worker JVM; the message is what the worker reported. */
public final class StageFailedException extends RuntimeException {

    public StageFailedException(String message) {
        super(message);
    }
}
