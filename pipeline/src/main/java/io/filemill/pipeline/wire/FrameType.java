package io.filemill.pipeline.wire;

/** The kinds of frame exchanged between the parent and a worker JVM. */
public enum FrameType {
    /** Parent to worker, first: protocol version, stage name, stage settings. */
    HELLO(1),
    /** Worker to parent, after HELLO: protocol version and the worker's pid. */
    READY(2),
    /** Parent to worker: request id and the stage's request. */
    REQUEST(3),
    /** Worker to parent: request id and the stage's reply. */
    REPLY(4),
    /** Worker to parent: request id and why the stage threw. */
    FAILURE(5),
    /** Parent to worker: request id; hand it back if it has not been started. */
    RECALL(6),
    /** Worker to parent: request id; it was not started and never will be on this worker. */
    RECALLED(7);

    final byte code;

    FrameType(int code) {
        this.code = (byte) code;
    }

    static FrameType of(byte code) throws MalformedFrameException {
        for (FrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new MalformedFrameException("unknown frame type " + code);
    }
}
