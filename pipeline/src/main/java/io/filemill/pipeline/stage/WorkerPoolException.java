package io.filemill.pipeline.stage;

/** A process runner gave up: its workers could not be started, or kept dying. */
public final class WorkerPoolException extends RuntimeException {

    public WorkerPoolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message of the innermost cause, for a one-line reason. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
