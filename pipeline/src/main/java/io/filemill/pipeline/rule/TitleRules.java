package io.filemill.pipeline.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The built-in rules. Whitespace, to every rule, is what Java calls whitespace and every Unicode
 * space separator besides, so the no-break spaces (U+00A0, U+2007, U+202F; an HTML title's
 * {@code &nbsp;}) separate words and are trimmed like any other space.
 */
final class TitleRules {

    private TitleRules() {
    }

    /** Whether a rule treats the code point as whitespace. */
    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /** Leading and trailing whitespace go. */
    static String trim(String title) {
        int start = 0;
        int end = title.length();
        while (start < end && isSpace(title.codePointAt(start))) {
            start += Character.charCount(title.codePointAt(start));
        }
        while (end > start && isSpace(title.codePointBefore(end))) {
            end -= Character.charCount(title.codePointBefore(end));
        }
        return title.substring(start, end);
    }

    /** Runs of whitespace become one space; leading and trailing whitespace go. */
    static String collapseWhitespace(String title) {
        return String.join(" ", words(title));
    }

    /**
     * Splits on whitespace, upper-cases the first character of each word and lower-cases the rest,
     * and joins the words with single spaces.
     */
    static String titleCase(String title) {
        StringJoiner joined = new StringJoiner(" ");
        for (String word : words(title)) {
            int firstLength = Character.charCount(word.codePointAt(0));
            joined.add(word.substring(0, firstLength).toUpperCase(Locale.ROOT)
                    + word.substring(firstLength).toLowerCase(Locale.ROOT));
        }
        return joined.toString();
    }

    /** The runs of characters between whitespace, in order; never an empty one. */
    static List<String> words(String title) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < title.length(); ) {
            int codePoint = title.codePointAt(i);
            if (!isSpace(codePoint)) {
                start = start < 0 ? i : start;
            } else if (start >= 0) {
                words.add(title.substring(start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            words.add(title.substring(start));
        }
        return words;
    }

    static String template(String template, String title, TitleContext context) {
        return template.replace("{title}", title)
                .replace("{name}", context.baseName())
                .replace("{date}", context.date().toString());
    }
}
