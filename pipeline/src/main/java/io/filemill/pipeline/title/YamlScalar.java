package io.filemill.pipeline.title;

/**
 * The value of a one-line YAML scalar ({@code plain}, {@code 'single'} or {@code "double"} quoted),
 * read and written back in the same style, so that the rest of the front matter stays untouched.
 */
final class YamlScalar {

    private YamlScalar() {
    }

    /** Locates the scalar in {@code head[from, end)}, the text after {@code title:}; null when absent. */
    static TitleLocation locate(String head, int from, int end) {
        int start = Lines.skipSpace(head, from, end);
        if (start == end) {
            return null;
        }
        char first = head.charAt(start);
        if (first == '"') {
            int close = closingDoubleQuote(head, start + 1, end);
            if (close < 0) {
                return null;
            }
            String raw = head.substring(start + 1, close);
            return new TitleLocation(start + 1, close, unescapeDouble(raw), YamlScalar::escapeDouble);
        }
        if (first == '\'') {
            int close = closingSingleQuote(head, start + 1, end);
            if (close < 0) {
                return null;
            }
            String raw = head.substring(start + 1, close);
            return new TitleLocation(start + 1, close, raw.replace("''", "'"), s -> s.replace("'", "''"));
        }
        if (first == '|' || first == '>' || first == '[' || first == '{' || first == '&' || first == '*') {
            return null; // block scalars, collections, anchors: not a one-line title
        }
        int stop = plainEnd(head, start, end);
        if (stop == start) {
            return null;
        }
        return new TitleLocation(start, stop, head.substring(start, stop), YamlScalar::plainOrQuoted);
    }

    private static int plainEnd(String head, int start, int end) {
        for (int i = start; i < end; i++) {
            if (head.charAt(i) == '#' && Character.isWhitespace(head.charAt(i - 1))) {
                return Lines.trimEnd(head, start, i); // a comment starts here
            }
        }
        return Lines.trimEnd(head, start, end);
    }

    private static int closingDoubleQuote(String head, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = head.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int closingSingleQuote(String head, int from, int end) {
        for (int i = from; i < end; i++) {
            if (head.charAt(i) == '\'') {
                if (i + 1 < end && head.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String unescapeDouble(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case '"', '\\', '/' -> out.append(next);
                    default -> out.append('\\').append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String escapeDouble(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Writes a plain scalar as it is when YAML would read it back unchanged, else double-quoted. */
    static String plainOrQuoted(String value) {
        boolean safe = !value.isEmpty()
                && "-?:,[]{}#&*!|>'\"%@`".indexOf(value.charAt(0)) < 0
                && !value.contains(": ")
                && !value.contains(" #")
                && !value.endsWith(":")
                && value.strip().equals(value);
        return safe ? value : '"' + escapeDouble(value) + '"';
    }
}
