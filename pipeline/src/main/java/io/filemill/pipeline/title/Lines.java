package io.filemill.pipeline.title;

/** Line walking over a head string, keeping exact offsets; CR LF, LF and lone CR all end a line. */
final class Lines {

    private Lines() {
    }

    /** Index just past the end of the line that starts at {@code from} (after its terminator). */
    static int nextLineStart(String text, int from) {
        int i = text.indexOf('\n', from);
        int cr = text.indexOf('\r', from);
        if (cr >= 0 && (i < 0 || cr < i)) {
            return cr + 1 < text.length() && text.charAt(cr + 1) == '\n' ? cr + 2 : cr + 1;
        }
        return i < 0 ? text.length() : i + 1;
    }

    /** Index of the end of the line content that starts at {@code from} (before its terminator). */
    static int contentEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return text.length();
    }

    /** Whether the line at {@code from} has a terminator inside the text. */
    static boolean isTerminated(String text, int from) {
        return contentEnd(text, from) < text.length();
    }

    /** First index in [start, end) that is not whitespace, or end. */
    static int skipSpace(String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        return start;
    }

    /** Index after the last char in [start, end) that is not whitespace, or start. */
    static int trimEnd(String text, int start, int end) {
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
