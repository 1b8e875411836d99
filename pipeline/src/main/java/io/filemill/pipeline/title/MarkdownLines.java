package io.filemill.pipeline.title;

/**
 * Reads single Markdown lines, given as {@code head[start, end)} without their terminator, in one
 * left-to-right pass with at most one step back over a trailing run: time linear in the line.
 */
final class MarkdownLines {

    /** {@link #atxHeadingOne} for a line that is no level-one ATX heading. */
    static final long NOT_ATX = -1;

    private MarkdownLines() {
    }

    /**
     * A level-one ATX heading: up to three spaces, one {@code #}, then the end of the line or a space
     * or tab; the content runs to the end, less trailing spaces and tabs and less a closing run of
     * {@code #} that follows a space or tab (or is all there is).
     *
     * @return the content's span packed as {@code start << 32 | end} (empty for an empty heading),
     * or {@link #NOT_ATX}
     */
    static long atxHeadingOne(String head, int start, int end) {
        int hash = indent(head, start, end);
        if (hash < 0 || hash >= end || head.charAt(hash) != '#') {
            return NOT_ATX;
        }
        int after = hash + 1;
        if (after < end && !isBlank(head.charAt(after))) {
            return NOT_ATX; // "##" is a lower level, "#word" is a paragraph
        }
        int from = Lines.skipBlanks(head, after, end);
        int to = Lines.trimBlanks(head, from, end);
        int closing = to;
        while (closing > from && head.charAt(closing - 1) == '#') {
            closing--;
        }
        if (closing < to) {
            if (closing == from) {
                to = from; // nothing but the closing sequence
            } else if (isBlank(head.charAt(closing - 1))) {
                to = Lines.trimBlanks(head, from, closing);
            }
        }
        return (long) from << 32 | to;
    }

    /** A Setext level-one underline: up to three spaces, a run of {@code =}, then only spaces and tabs. */
    static boolean isSetextOne(String head, int start, int end) {
        int at = indent(head, start, end);
        if (at < 0 || at >= end || head.charAt(at) != '=') {
            return false;
        }
        while (at < end && head.charAt(at) == '=') {
            at++;
        }
        return Lines.skipBlanks(head, at, end) == end;
    }

    /**
     * An opening code fence: up to three spaces, then three or more backticks or tildes.
     *
     * @return the length of the run of fence characters, or 0 when the line opens no fence
     */
    static int fenceLength(String head, int start, int end) {
        int at = indent(head, start, end);
        if (at < 0 || at >= end || (head.charAt(at) != '`' && head.charAt(at) != '~')) {
            return 0;
        }
        char mark = head.charAt(at);
        int run = at;
        while (run < end && head.charAt(run) == mark) {
            run++;
        }
        return run - at >= 3 ? run - at : 0;
    }

    /** A closing fence: only the opening's character, at least as many, with whitespace around. */
    static boolean closesFence(String head, int start, int end, char mark, int length) {
        int from = Lines.skipSpace(head, start, end);
        int to = Lines.trimEnd(head, from, end);
        if (to - from < length) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (head.charAt(i) != mark) {
                return false;
            }
        }
        return true;
    }

    /** The line that opens front matter: {@code ---} and nothing but spaces and tabs after it. */
    static boolean isFrontMatterFence(String head, int start, int end) {
        return head.startsWith("---", start) && start + 3 <= end && Lines.skipBlanks(head, start + 3, end) == end;
    }

    /** The line that closes front matter: {@code ---} or {@code ...}, then only spaces and tabs. */
    static boolean isFrontMatterEnd(String head, int start, int end) {
        boolean mark = head.startsWith("---", start) || head.startsWith("...", start);
        return mark && start + 3 <= end && Lines.skipBlanks(head, start + 3, end) == end;
    }

    /** For a line {@code title:} (spaces or tabs before the colon allowed), the index after the colon; else -1. */
    static int afterTitleKey(String head, int start, int end) {
        if (!head.startsWith("title", start) || start + 5 > end) {
            return -1;
        }
        int colon = Lines.skipBlanks(head, start + 5, end);
        return colon < end && head.charAt(colon) == ':' ? colon + 1 : -1;
    }

    /** Index after up to three leading spaces; -1 when there are four or more. */
    private static int indent(String head, int start, int end) {
        int at = start;
        while (at < end && at - start < 4 && head.charAt(at) == ' ') {
            at++;
        }
        return at - start > 3 ? -1 : at;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
