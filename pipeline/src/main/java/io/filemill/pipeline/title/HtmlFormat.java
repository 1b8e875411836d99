package io.filemill.pipeline.title;

import io.filemill.pipeline.task.Deadline;
import java.util.Optional;
import java.util.Set;

/**
 * HTML: the text of the first {@code <title>} element outside comments. Character references in the
 * old title are decoded for the rules; the new title is written with {@code & < >} escaped.
 */
final class HtmlFormat implements TitleFormat {

    private static final Set<String> EXTENSIONS = Set.of("html", "htm", "xhtml");

    @Override
    public String name() {
        return "html";
    }

    @Override
    public boolean handlesExtension(String extension) {
        return EXTENSIONS.contains(extension);
    }

    @Override
    public Optional<TitleLocation> locate(String head, boolean complete, Deadline deadline) {
        // tags are matched in place, ignoring ASCII case: lowering the whole head would cost a copy
        // per file and can change its length (U+0130 lowers to two chars), which would shift offsets
        int pos = 0;
        while (true) {
            deadline.check();
            int tag = head.indexOf('<', pos);
            if (tag < 0) {
                return Optional.empty();
            }
            if (head.startsWith("<!--", tag)) {
                int close = head.indexOf("-->", tag + 4);
                if (close < 0) {
                    return Optional.empty();
                }
                pos = close + 3;
            } else if (startsWithTag(head, tag, "<title") && isNameEnd(head, tag + 6)) {
                int open = head.indexOf('>', tag);
                int close = open < 0 ? -1 : indexOfIgnoringCase(head, "</title", open);
                if (close < 0) {
                    return Optional.empty();
                }
                int start = Lines.skipSpace(head, open + 1, close);
                int stop = Lines.trimEnd(head, start, close);
                return Optional.of(new TitleLocation(start, stop, HtmlText.decode(head.substring(start, stop)),
                        HtmlText::escape));
            } else {
                pos = tag + 1;
            }
        }
    }

    /** Where {@code tag} (lower case, starting with '<') next occurs in {@code text} from {@code from}; -1 if nowhere. */
    private static int indexOfIgnoringCase(String text, String tag, int from) {
        for (int at = text.indexOf('<', from); at >= 0; at = text.indexOf('<', at + 1)) {
            if (startsWithTag(text, at, tag)) {
                return at;
            }
        }
        return -1;
    }

    /** Whether {@code tag} (lower case) starts at {@code at}; tag names ignore ASCII case only, as in HTML. */
    private static boolean startsWithTag(String text, int at, String tag) {
        if (at + tag.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = text.charAt(at + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameEnd(String text, int index) {
        return index < text.length() && (text.charAt(index) == '>' || Character.isWhitespace(text.charAt(index)));
    }
}
