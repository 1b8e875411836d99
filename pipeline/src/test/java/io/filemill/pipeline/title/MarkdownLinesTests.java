package io.filemill.pipeline.title;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written Markdown line readers agree with the regular expressions they replaced (which
 * backtrack over long runs of spaces and marks, so they serve here only as the oracle on short
 * lines), on every line of up to 6 chars from the chars that matter and on random longer ones.
 */
class MarkdownLinesTests {

    private static final Pattern ATX_H1 = Pattern.compile("^ {0,3}#(?:[ \\t]+(.*?))??(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT_H1 = Pattern.compile("^ {0,3}=+[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");
    private static final Pattern FRONT_MATTER_END = Pattern.compile("^(?:---|\\.\\.\\.)[ \\t]*$");
    private static final char[] ALPHABET = {' ', '\t', '#', 'a', '=', '`', '~', '-', '.', '\f'};

    @Test
    void everyShortLineReadsAsTheOldExpressionsReadIt() {
        for (int length = 0; length <= 6; length++) {
            int[] digits = new int[length];
            boolean more = true;
            while (more) {
                StringBuilder line = new StringBuilder();
                for (int digit : digits) {
                    line.append(ALPHABET[digit]);
                }
                agrees(line.toString());
                int i = 0;
                while (i < length && ++digits[i] == ALPHABET.length) {
                    digits[i++] = 0;
                }
                more = i < length;
            }
        }
    }

    @Test
    void randomLongerLinesReadAsTheOldExpressionsReadThem() {
        Random random = new Random(11);
        for (int n = 0; n < 200_000; n++) {
            char[] line = new char[7 + random.nextInt(24)];
            Arrays.setAll(new int[line.length], i -> line[i] = ALPHABET[random.nextInt(ALPHABET.length)]);
            agrees(new String(line));
        }
    }

    private static void agrees(String line) {
        String head = "x\n" + line + "\ny"; // the line sits inside a head, as the format sees it
        int start = 2;
        int end = start + line.length();
        Matcher atx = ATX_H1.matcher(line);
        long span = MarkdownLines.atxHeadingOne(head, start, end);
        assertThat(span != MarkdownLines.NOT_ATX).as("ATX heading: [%s]", line).isEqualTo(atx.matches());
        if (atx.matches()) {
            String expected = atx.group(1) == null || atx.group(1).isBlank() ? "" : atx.group(1).stripTrailing();
            int from = (int) (span >>> 32);
            assertThat(head.substring(from, Lines.trimEnd(head, from, (int) span))).as("ATX title of [%s]", line)
                    .isEqualTo(expected);
        }
        assertThat(MarkdownLines.isSetextOne(head, start, end)).as("Setext: [%s]", line)
                .isEqualTo(SETEXT_H1.matcher(line).matches());
        Matcher fence = FENCE.matcher(line);
        assertThat(MarkdownLines.fenceLength(head, start, end)).as("fence: [%s]", line)
                .isEqualTo(fence.matches() ? fence.group(1).length() : 0);
        assertThat(MarkdownLines.isFrontMatterEnd(head, start, end)).as("front matter end: [%s]", line)
                .isEqualTo(FRONT_MATTER_END.matcher(line).matches());
    }
}
