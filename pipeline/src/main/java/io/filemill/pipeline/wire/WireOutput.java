package io.filemill.pipeline.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Builds a payload: fixed-width numbers, length-prefixed UTF-8 strings (null allowed), paths. */
public final class WireOutput {

    /** A write to the in-memory stream, which never fails in practice. */
    @FunctionalInterface
    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);

    private WireOutput write(Write write) {
        try {
            write.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public WireOutput writeInt(int value) {
        return write(o -> o.writeInt(value));
    }

    public WireOutput writeLong(long value) {
        return write(o -> o.writeLong(value));
    }

    public WireOutput writeByte(int value) {
        return write(o -> o.writeByte(value));
    }

    public WireOutput writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    /** A string, or null: its UTF-8 length (-1 for null), then its bytes. */
    public WireOutput writeString(String value) {
        if (value == null) {
            return writeInt(-1);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return writeInt(utf8.length).write(o -> o.write(utf8));
    }

    public WireOutput writePath(Path path) {
        return writeString(path == null ? null : path.toString());
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
