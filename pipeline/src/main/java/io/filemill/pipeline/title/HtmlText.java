package io.filemill.pipeline.title;

import java.util.Map;

/** Decodes the character references that occur in titles and escapes text for HTML. */
final class HtmlText {

    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0");

    /** The longest reference looked for, {@code &} to {@code ;} inclusive: only so far is searched. */
    private static final int MAX_REFERENCE = 12;

    private HtmlText() {
    }

    /** Index of the first {@code ;} in [from, to], clipped to the text; -1 if none. */
    private static int semicolonWithin(String text, int from, int to) {
        for (int i = from; i < Math.min(to + 1, text.length()); i++) {
            if (text.charAt(i) == ';') {
                return i;
            }
        }
        return -1;
    }

    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int semi = c == '&' ? semicolonWithin(text, i + 1, i + MAX_REFERENCE) : -1;
            String decoded = semi > i + 1 ? reference(text.substring(i + 1, semi)) : null;
            if (decoded != null) {
                out.append(decoded);
                i = semi + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String reference(String name) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException notACodePoint) {
            return null;
        }
        return NAMED.get(name);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
