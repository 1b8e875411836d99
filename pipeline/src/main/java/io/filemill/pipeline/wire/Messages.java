package io.filemill.pipeline.wire;

/** The payloads of the protocol's frames. */
public final class Messages {

    private Messages() {
    }

    /** A value with the id of the request it belongs to. */
    public record Numbered<T>(long id, T value) {
    }

    /** The version of the frame protocol; both sides must speak the same. */
    public static final int PROTOCOL_VERSION = 5;

    /** HELLO: the protocol version, the stage's name and its settings. */
    public static <S> byte[] hello(String stage, Codec<S> codec, S settings) {
        WireOutput out = new WireOutput().writeInt(PROTOCOL_VERSION).writeString(stage);
        codec.write(out, settings);
        return out.toByteArray();
    }

    public static byte[] ready(long pid) {
        return new WireOutput().writeInt(PROTOCOL_VERSION).writeLong(pid).toByteArray();
    }

    public static <T> byte[] numbered(long id, Codec<T> codec, T value) {
        WireOutput out = new WireOutput().writeLong(id);
        codec.write(out, value);
        return out.toByteArray();
    }

    /** A payload that is only a request id (RECALL, RECALLED). */
    public static byte[] id(long id) {
        return new WireOutput().writeLong(id).toByteArray();
    }

    public static long readId(byte[] payload) throws MalformedFrameException {
        WireInput in = new WireInput(payload);
        long id = in.readLong();
        in.end();
        return id;
    }

    public static byte[] failure(long id, String message) {
        return new WireOutput().writeLong(id).writeString(message).toByteArray();
    }

    /** Reads {@code [long id][value]}; the payload must hold nothing more. */
    public static <T> Numbered<T> readNumbered(byte[] payload, Codec<T> codec) throws MalformedFrameException {
        WireInput in = new WireInput(payload);
        long id = in.readLong();
        try {
            T value = codec.read(in);
            in.end();
            return new Numbered<>(id, value);
        } catch (RuntimeException invalid) {
            throw new MalformedFrameException("invalid value: " + invalid.getMessage());
        }
    }

    public static Numbered<String> readFailure(byte[] payload) throws MalformedFrameException {
        WireInput in = new WireInput(payload);
        Numbered<String> failure = new Numbered<>(in.readLong(), in.readString());
        in.end();
        return failure;
    }

    /** Checks a READY payload and returns the worker's pid. */
    public static long readReady(byte[] payload) throws MalformedFrameException {
        WireInput in = new WireInput(payload);
        int version = in.readInt();
        if (version != PROTOCOL_VERSION) {
            throw new MalformedFrameException("worker speaks protocol " + version + ", parent "
                    + PROTOCOL_VERSION);
        }
        long pid = in.readLong();
        in.end();
        return pid;
    }
}
