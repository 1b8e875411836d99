package io.filemill.worker;

/** A worker JVM's exit codes, the one place they are decided; the parent logs them when a worker ends. */
final class WorkerExitCodes {

    /** The parent closed stdin: every request was answered. */
    static final int END_OF_INPUT = 0;
    /** The parent's HELLO was missing, of another protocol version, or named an unknown stage. */
    static final int BAD_HANDSHAKE = 2;
    /** A frame from the parent could not be decoded. */
    static final int MALFORMED_FRAME = 3;
    /** The parent is gone (died, or its pipes cannot be read or written): the worker halts. */
    static final int ORPHANED = 4;

    private WorkerExitCodes() {
    }
}
