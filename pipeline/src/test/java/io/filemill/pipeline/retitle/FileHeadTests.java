package io.filemill.pipeline.retitle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The head is read right whatever size the scan saw: the same, smaller (the file grew) or larger (it shrank). */
class FileHeadTests {

    @ParameterizedTest(name = "{0} bytes, scanned as {1}, limit {2}")
    @CsvSource({
            "100, 100, 1000", "100, 0, 1000", "100, 10, 1000", "100, 5000, 1000", "100, -1, 1000",
            "1000, 1000, 1000", "1000, 999, 1000", "1001, 1000, 1000", "1001, 1001, 1000",
            "5000, 5000, 1000", "5000, 10, 1000", "0, 0, 1000", "0, 100, 1000"})
    void readsTheWholeFileOrTheLimitAndOneByteMore(int size, long scanned, int limit) throws IOException {
        byte[] content = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
        FileHead head = FileHead.read(new ByteArrayInputStream(content), limit, scanned);
        boolean whole = size <= limit;
        assertThat(head.complete).isEqualTo(whole);
        assertThat(head.length).isEqualTo(whole ? size : limit + 1);
        assertThat(head.text(true)).isEqualTo("x".repeat(head.length));
    }
}
