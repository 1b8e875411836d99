package io.filemill.pipeline.retitle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The first bytes of a file, its byte order mark, and the part of it that decodes as whole characters. */
final class FileHead {
    final byte[] bytes;
    final int length;
    final int bomLength;
    final boolean complete;
    private final int textEnd;
    private String text;

    private FileHead(byte[] bytes, int length, int bomLength, boolean complete, int textEnd) {
        this.bytes = bytes;
        this.length = length;
        this.bomLength = bomLength;
        this.complete = complete;
        this.textEnd = textEnd;
    }

    /**
     * Reads up to {@code limit} bytes, and one more to tell whether that is the whole file.
     * {@code expectedSize} (the size the scan saw) sizes the buffer: a file read whole takes one
     * read and one that finds its end, not a read per 8 KiB; a file that grew is still read right.
     */
    static FileHead read(InputStream in, int limit, long expectedSize) throws IOException {
        byte[] bytes = new byte[(int) Math.min(limit, Math.max(0, expectedSize)) + 1];
        int length = in.readNBytes(bytes, 0, bytes.length);
        if (length == bytes.length && length <= limit) {
            // larger than the scan saw: read on to the limit and one byte more
            bytes = Arrays.copyOf(bytes, limit + 1);
            length += in.readNBytes(bytes, length, bytes.length - length);
        }
        boolean complete = length <= limit;
        if (length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new BadTextException("UTF-16 text is not supported (byte order mark at offset 0); "
                    + "convert the file to UTF-8", 0);
        }
        int bom = length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        int textEnd = complete ? length : wholeCharactersEnd(bytes, bom, length);
        return new FileHead(bytes, length, bom, complete, textEnd);
    }

    /** End of the last complete UTF-8 character in bytes[from, length). */
    private static int wholeCharactersEnd(byte[] bytes, int from, int length) {
        int lead = length - 1;
        while (lead > from && lead > length - 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        int b = bytes[lead] & 0xFF;
        int needed = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return lead + needed <= length ? length : lead;
    }

    /**
     * The head as text, decoded once. {@code asciiOnly} says that the head's bytes were checked
     * and are all ASCII: they are then copied as they are, skipping the decoder's own scan.
     */
    String text(boolean asciiOnly) {
        if (text == null) {
            text = new String(bytes, bomLength, textEnd - bomLength,
                    asciiOnly ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        return text;
    }
}
