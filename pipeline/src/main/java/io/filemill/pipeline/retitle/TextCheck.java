package io.filemill.pipeline.retitle;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks, chunk by chunk, that a byte stream is UTF-8 text: strictly decodable and free of NUL
 * bytes (the mark of binary content). Not thread-safe; one per file.
 */
final class TextCheck {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch = CharBuffer.allocate(8192);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private long offset;

    /** Checks the next chunk; bytes of a character cut at the chunk's end wait for the next one. */
    void feed(byte[] bytes, int from, int length) throws BadTextException {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] == 0) {
                throw new BadTextException("binary content (NUL byte at offset " + (offset + pending.remaining()
                        + i - from) + ")", offset + pending.remaining() + i - from);
            }
        }
        ByteBuffer in;
        if (pending.hasRemaining()) {
            in = ByteBuffer.allocate(pending.remaining() + length);
            in.put(pending).put(bytes, from, length).flip();
        } else {
            in = ByteBuffer.wrap(bytes, from, length);
        }
        decode(in, false);
    }

    /** Ends the stream: a character cut off by the end of the file is an error. */
    void finish() throws BadTextException {
        decode(pending, true);
    }

    private void decode(ByteBuffer in, boolean endOfInput) throws BadTextException {
        int start = in.position();
        while (true) {
            scratch.clear();
            CoderResult result = decoder.decode(in, scratch, endOfInput);
            if (result.isError()) {
                long at = offset + in.position() - start;
                throw new BadTextException("not valid UTF-8 (bad byte sequence at offset " + at + ")", at);
            }
            if (result.isUnderflow()) {
                break;
            }
        }
        offset += in.position() - start;
        pending = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
    }
}
