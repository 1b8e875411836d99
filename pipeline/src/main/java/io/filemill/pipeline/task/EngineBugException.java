package io.filemill.pipeline.task;

/**
 * filemill's own fault, not the file's: an exception the engine did not expect (a null pointer, an
 * index out of bounds) while it handled a file. The file stays in the inbox, untouched, and the run
 * stops and fails, so that the bug is seen and reported instead of turning good files into
 * failures. A worker JVM reports one as a failure whose message starts with {@link #PREFIX}.
 */
public final class EngineBugException extends RuntimeException {

    /** How the message of every engine bug starts, in the run's report and over the wire. */
    public static final String PREFIX = "filemill bug: ";

    /** A bug met while handling {@code task}. */
    public EngineBugException(FileTask task, RuntimeException bug) {
        super(PREFIX + "while handling " + task.relativeName() + ": " + bug, bug);
    }

    /** A bug a worker JVM reported: {@code message} starts with {@link #PREFIX}. */
    public EngineBugException(String message) {
        super(message);
    }

    /** Whether a failure message reported by a worker is an engine bug's. */
    public static boolean isEngineBug(String message) {
        return message != null && message.startsWith(PREFIX);
    }
}
