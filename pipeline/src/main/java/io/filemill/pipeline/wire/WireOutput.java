package io.filemill.pipeline.wire;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Builds a payload: fixed-width big-endian numbers, length-prefixed UTF-8 strings (null allowed),
 * paths. Written straight into a growing array: a value costs no lambda, lock or stream call, which
 * under the quick compiler that filemill's JVMs run were most of a frame's encoding time.
 */
public final class WireOutput {

    private byte[] bytes = new byte[256];
    private int length;

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    public WireOutput writeInt(int value) {
        ensure(Integer.BYTES);
        bytes[length] = (byte) (value >>> 24);
        bytes[length + 1] = (byte) (value >>> 16);
        bytes[length + 2] = (byte) (value >>> 8);
        bytes[length + 3] = (byte) value;
        length += Integer.BYTES;
        return this;
    }

    public WireOutput writeLong(long value) {
        return writeInt((int) (value >>> 32)).writeInt((int) value);
    }

    public WireOutput writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
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
        writeInt(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    public WireOutput writePath(Path path) {
        return writeString(path == null ? null : path.toString());
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }
}
