package io.filemill.pipeline.retitle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextCheckTests {

    @Test
    void acceptsCharacterSplitAcrossChunks() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        TextCheck check = new TextCheck();
        assertThatCode(() -> {
            check.feed(euro, 0, 1);
            check.feed(euro, 1, 2);
            check.finish();
        }).doesNotThrowAnyException();
    }

    @Test
    void rejectsCharacterCutByEndOfFile() throws BadTextException {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8);
        TextCheck check = new TextCheck();
        check.feed(euro, 0, 3);
        assertThatThrownBy(check::finish).isInstanceOf(BadTextException.class).hasMessageContaining("offset 1");
    }

    @Test
    void reportsOffsetAcrossChunks() throws BadTextException {
        TextCheck check = new TextCheck();
        check.feed("abcd".getBytes(StandardCharsets.US_ASCII), 0, 4);
        assertThatThrownBy(() -> check.feed(new byte[] {'e', (byte) 0xFF}, 0, 2))
                .hasMessage("not valid UTF-8 (bad byte sequence at offset 5)");
    }

    @Test
    void tellsWhetherEveryByteSoFarWasAscii() throws BadTextException {
        TextCheck check = new TextCheck();
        check.feed("plain".getBytes(StandardCharsets.US_ASCII), 0, 5);
        boolean afterAscii = check.asciiOnly();
        check.feed("é".getBytes(StandardCharsets.UTF_8), 0, 2);
        assertThat(afterAscii).isTrue();
        assertThat(check.asciiOnly()).isFalse();
    }

    @Test
    void namesANulBeforeABadSequenceInTheSameChunk() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        assertThatThrownBy(() -> new TextCheck().feed(png, 0, png.length))
                .hasMessage("binary content (NUL byte at offset 8)");
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryTwoByteSequence() {
        for (int first = 0; first < 256; first++) {
            for (int second = 1; second < 256; second++) {
                if (first != 0) {
                    assertAgreesWithJdk(new byte[] {(byte) first, (byte) second, 'x'}, 3);
                }
            }
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryLongSequenceMadeOfBoundaryBytes() {
        int[] boundaries = {0x01, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xF0,
            0xF4, 0xF5, 0xFF};
        for (int lead = 0xC0; lead < 256; lead++) {
            for (int second : boundaries) {
                for (int third : boundaries) {
                    for (int fourth : new int[] {0x41, 0x80, 0xBF, 0xC0}) {
                        byte[] bytes = {(byte) lead, (byte) second, (byte) third, (byte) fourth};
                        assertAgreesWithJdk(bytes, 1);
                        assertAgreesWithJdk(bytes, 4);
                    }
                }
            }
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomTextFedInRandomChunks() {
        Random random = new Random(7);
        String[] pieces = {"a", "Z", " ", "\n", "é", "€", "\uD83D\uDE00", "\u07FF", "\uFFFD", "\uD7FF", "\uE000"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0 && random.nextBoolean()) {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) (0x80 + random.nextInt(0x80)); // most likely breaks a sequence
            }
            assertAgreesWithJdk(bytes, 1 + random.nextInt(8));
        }
    }

    @Test
    void findsANulAtEveryPositionOfAnAsciiRunWhereverTheRunStartsInTheArray() throws BadTextException {
        for (int start = 0; start < 9; start++) {
            for (int length = 1; length <= 40; length++) {
                for (int nul = 0; nul < length; nul++) {
                    byte[] bytes = asciiRun(start, length);
                    bytes[start + nul] = 0;
                    int from = start;
                    int count = length;
                    assertThatThrownBy(() -> new TextCheck().feed(bytes, from, count))
                            .hasMessage("binary content (NUL byte at offset " + nul + ")");
                }
                TextCheck clean = new TextCheck();
                clean.feed(asciiRun(start, length), start, length);
                clean.finish();
                assertThat(clean.asciiOnly()).isTrue();
            }
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryByteAtEveryPositionOfAnAsciiRun() {
        for (int length = 1; length <= 24; length++) {
            for (int at = 0; at < length; at++) {
                for (int b = 0x80; b < 256; b++) {
                    byte[] bytes = asciiRun(0, length);
                    bytes[at] = (byte) b;
                    assertAgreesWithJdk(bytes, length);
                    assertAgreesWithJdk(bytes, 1 + at % 9);
                }
            }
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnLongTextsFedInLargeChunks() {
        Random random = new Random(11);
        String[] pieces = {"plain words of a long line ", "\n", "é", "€", "\uD83D\uDE00", "x"};
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(60); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
            }
            assertAgreesWithJdk(bytes, 1 + random.nextInt(100));
        }
    }

    /** Printable ASCII, {@code length} bytes of it from {@code start} of an array with room on both sides. */
    private static byte[] asciiRun(int start, int length) {
        byte[] bytes = new byte[start + length + 9];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('!' + i % 90);
        }
        return bytes;
    }

    /** The check, fed in chunks of the given size, accepts what the JDK's strict decoder accepts, and fails at the same offset. */
    private static void assertAgreesWithJdk(byte[] bytes, int chunk) {
        Long expected = jdkErrorOffset(bytes);
        Long actual = null;
        TextCheck check = new TextCheck();
        try {
            for (int from = 0; from < bytes.length; from += chunk) {
                check.feed(bytes, from, Math.min(chunk, bytes.length - from));
            }
            check.finish();
        } catch (BadTextException e) {
            actual = e.offset();
        }
        if (!java.util.Objects.equals(expected, actual)) {
            throw new AssertionError("bytes " + java.util.HexFormat.ofDelimiter(" ").formatHex(bytes) + " in chunks of "
                    + chunk + ": the JDK says " + expected + ", the check says " + actual);
        }
    }

    private static Long jdkErrorOffset(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in);
            return null;
        } catch (CharacterCodingException e) {
            // decode(ByteBuffer) leaves the position at the malformed input
            return (long) in.position();
        }
    }
}
