package io.filemill.pipeline.retitle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
}
