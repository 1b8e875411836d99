package io.filemill.pipeline.rule;

import java.util.Locale;
import java.util.StringJoiner;

/** The built-in rules. */
final class TitleRules {

    private TitleRules() {
    }

    static String trim(String title) {
        return title.strip();
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

    static String[] words(String title) {
        String stripped = title.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("[\\s\\u00a0]+");
    }

    static String template(String template, String title, TitleContext context) {
        return template.replace("{title}", title)
                .replace("{name}", context.baseName())
                .replace("{date}", context.date().toString());
    }
}
