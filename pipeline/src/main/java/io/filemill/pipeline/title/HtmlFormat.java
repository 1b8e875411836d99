package io.filemill.pipeline.title;

import java.util.Locale;
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
    public Optional<TitleLocation> locate(String head, boolean complete) {
        String lower = head.toLowerCase(Locale.ROOT);
        int pos = 0;
        while (true) {
            int tag = lower.indexOf('<', pos);
            if (tag < 0) {
                return Optional.empty();
            }
            if (lower.startsWith("<!--", tag)) {
                int close = lower.indexOf("-->", tag + 4);
                if (close < 0) {
                    return Optional.empty();
                }
                pos = close + 3;
            } else if (lower.startsWith("<title", tag) && isNameEnd(lower, tag + 6)) {
                int open = lower.indexOf('>', tag);
                int close = open < 0 ? -1 : lower.indexOf("</title", open);
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

    private static boolean isNameEnd(String text, int index) {
        return index < text.length() && (text.charAt(index) == '>' || Character.isWhitespace(text.charAt(index)));
    }
}
