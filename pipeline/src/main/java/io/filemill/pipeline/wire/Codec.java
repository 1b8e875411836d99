package io.filemill.pipeline.wire;

/** Writes a value into a payload and reads it back. */
public interface Codec<T> {

    void write(WireOutput out, T value);

    /** @throws MalformedFrameException when the bytes do not hold a valid value */
    T read(WireInput in) throws MalformedFrameException;

    /** Encodes one value as a whole payload. */
    default byte[] encode(T value) {
        WireOutput out = new WireOutput();
        write(out, value);
        return out.toByteArray();
    }

    /** Decodes a whole payload holding one value. */
    default T decode(byte[] payload) throws MalformedFrameException {
        WireInput in = new WireInput(payload);
        try {
            T value = read(in);
            in.end();
            return value;
        } catch (RuntimeException invalid) {
            // the bytes parsed but hold a value its record refuses
            throw new MalformedFrameException("invalid value: " + invalid.getMessage());
        }
    }
}
