package io.filemill.pipeline.title;

/**
 * Line walking over a head string, keeping exact offsets; CR LF, LF and lone CR all end a line.
 * Every method looks only at the chars of the line it is given, so walking a head line by line
 * reads each char a constant number of times.
 */
final class Lines {

    private Lines() {
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

    /** Index just past the terminator at {@code contentEnd} (CR LF, LF or CR); the text's length if none. */
    static int afterTerminator(String text, int contentEnd) {
        if (contentEnd >= text.length()) {
            return text.length();
        }
        boolean crlf = text.charAt(contentEnd) == '\r' && contentEnd + 1 < text.length()
                && text.charAt(contentEnd + 1) == '\n';
        return contentEnd + (crlf ? 2 : 1);
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

    /** First index in [start, end) that is neither a space nor a tab, or end. */
    static int skipBlanks(String text, int start, int end) {
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        return start;
    }

    /** Index after the last char in [start, end) that is neither a space nor a tab, or start. */
    static int trimBlanks(String text, int start, int end) {
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Whether every char in [start, end) is whitespace. */
    static boolean isBlank(String text, int start, int end) {
        return skipSpace(text, start, end) == end;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
