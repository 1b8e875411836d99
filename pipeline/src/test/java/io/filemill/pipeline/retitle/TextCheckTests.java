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
