package io.filemill.pipeline.retitle;

/**
 * Checks, chunk by chunk, that a byte stream is UTF-8 text: well-formed as the Unicode standard
 * defines it (no overlong forms, no surrogates, nothing above U+10FFFF: what the JDK's strict
 * decoder accepts) and free of NUL bytes (the mark of binary content). A NUL anywhere in a chunk is
 * reported before a bad sequence in it, so binary files are named as such. One pass over the bytes
 * with no decoding and no allocation. ASCII is checked eight bytes at a step with plain loads, which
 * is what keeps large files cheap under C1, the only compiler filemill's JVMs run: 1 MiB of ASCII
 * takes 0.84 ms instead of 2.67 ms a byte at a time ({@code TextCheckBenchmark}). A long read through
 * a {@code VarHandle} is faster still (0.34 ms) but links method handles on its first use, 10-25 ms
 * in each JVM, before its first file. Not thread-safe; one per file.
 */
final class TextCheck {

    /** Continuation bytes still expected for the current character. */
    private int needed;
    /** Bounds of the next byte (the second byte of a sequence is narrower than 80..BF). */
    private int low = 0x80;
    private int high = 0xBF;
    /** Offset in the stream of the current character's first byte. */
    private long sequenceStart;
    /** Offset in the stream of the next byte fed. */
    private long offset;
    /** No byte above 0x7F so far. */
    private boolean asciiOnly = true;

    /** Checks the next chunk; a character cut at the chunk's end continues in the next one. */
    void feed(byte[] bytes, int from, int length) throws BadTextException {
        int end = from + length;
        int i = from;
        while (i < end) {
            if (needed == 0) {
                i = asciiRun(bytes, i, end);
                if (i == end) {
                    break;
                }
            }
            if (!accept(bytes[i] & 0xFF, offset + i - from)) {
                throw badSequence(bytes, from, end);
            }
            i++;
        }
        offset += length;
    }

    /**
     * The end of the run of ASCII bytes other than NUL that starts at {@code i}, eight bytes at a
     * step: a byte is 01..7F exactly when it minus one is not negative, so eight of them are when
     * the OR of the eight differences is not.
     */
    private static int asciiRun(byte[] bytes, int i, int end) {
        for (; i <= end - 8; i += 8) {
            if (((bytes[i] - 1) | (bytes[i + 1] - 1) | (bytes[i + 2] - 1) | (bytes[i + 3] - 1) | (bytes[i + 4] - 1)
                    | (bytes[i + 5] - 1) | (bytes[i + 6] - 1) | (bytes[i + 7] - 1)) < 0) {
                break;
            }
        }
        while (i < end && bytes[i] > 0) {
            i++;
        }
        return i;
    }

    /** Whether every byte fed so far was ASCII (so the text decodes byte for byte). */
    boolean asciiOnly() {
        return asciiOnly;
    }

    /** Ends the stream: a character cut off by the end of the file is an error. */
    void finish() throws BadTextException {
        if (needed > 0) {
            throw new BadTextException("not valid UTF-8 (bad byte sequence at offset " + sequenceStart + ")",
                    sequenceStart);
        }
    }

    /** Takes one byte that is not plain ASCII or continues a character; false when it is malformed. */
    private boolean accept(int b, long at) throws BadTextException {
        if (needed > 0) {
            if (b < low || b > high) {
                return false;
            }
            needed--;
            low = 0x80;
            high = 0xBF;
            return true;
        }
        if (b == 0) {
            throw nul(at);
        }
        asciiOnly = false;
        sequenceStart = at;
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            low = b == 0xE0 ? 0xA0 : 0x80; // E0: no overlong forms
            high = b == 0xED ? 0x9F : 0xBF; // ED: no surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            low = b == 0xF0 ? 0x90 : 0x80; // F0: no overlong forms
            high = b == 0xF4 ? 0x8F : 0xBF; // F4: nothing above U+10FFFF
        } else {
            return false; // a stray continuation byte, C0, C1 or F5..FF
        }
        return true;
    }

    /** The error for a bad sequence in a chunk: a NUL anywhere in the chunk is named first. */
    private BadTextException badSequence(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == 0) {
                return nul(offset + i - from);
            }
        }
        return new BadTextException("not valid UTF-8 (bad byte sequence at offset " + sequenceStart + ")",
                sequenceStart);
    }

    private static BadTextException nul(long at) {
        return new BadTextException("binary content (NUL byte at offset " + at + ")", at);
    }
}
