package io.filemill.pipeline.title;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown: a {@code title:} in YAML front matter takes precedence; otherwise the first level-one
 * heading, ATX ({@code # Title}) or Setext ({@code Title} over {@code ===}), outside fenced code.
 */
final class MarkdownFormat implements TitleFormat {

    private static final Set<String> EXTENSIONS = Set.of("md", "markdown", "mdown", "mkd");
    private static final Pattern ATX_H1 = Pattern.compile("^ {0,3}#(?:[ \\t]+(.*?))??(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT_H1 = Pattern.compile("^ {0,3}=+[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");
    private static final Pattern FRONT_MATTER_FENCE = Pattern.compile("^---[ \\t]*$");
    private static final Pattern FRONT_MATTER_END = Pattern.compile("^(?:---|\\.\\.\\.)[ \\t]*$");
    private static final Pattern TITLE_KEY = Pattern.compile("^title[ \\t]*:");

    @Override
    public String name() {
        return "markdown";
    }

    @Override
    public boolean handlesExtension(String extension) {
        return EXTENSIONS.contains(extension);
    }

    @Override
    public Optional<TitleLocation> locate(String head, boolean complete) {
        int bodyStart = 0;
        if (FRONT_MATTER_FENCE.matcher(line(head, 0)).matches() && Lines.isTerminated(head, 0)) {
            FrontMatter frontMatter = frontMatter(head);
            if (frontMatter != null) {
                if (frontMatter.title != null) {
                    return Optional.of(frontMatter.title);
                }
                bodyStart = frontMatter.end;
            }
        }
        return firstHeading(head, bodyStart, complete);
    }

    private record FrontMatter(int end, TitleLocation title) {
    }

    /** Parses front matter starting at offset 0, or returns null when it is not closed in the head. */
    private static FrontMatter frontMatter(String head) {
        TitleLocation title = null;
        int pos = Lines.nextLineStart(head, 0);
        while (pos < head.length()) {
            int end = Lines.contentEnd(head, pos);
            String text = head.substring(pos, end);
            if (FRONT_MATTER_END.matcher(text).matches()) {
                return new FrontMatter(Lines.nextLineStart(head, pos), title);
            }
            if (title == null && end < head.length()) {
                Matcher key = TITLE_KEY.matcher(text);
                if (key.find()) {
                    title = YamlScalar.locate(head, pos + key.end(), end);
                }
            }
            pos = Lines.nextLineStart(head, pos);
        }
        return null;
    }

    private static Optional<TitleLocation> firstHeading(String head, int from, boolean complete) {
        String fence = null;
        boolean previousBlank = true;
        int previousStart = -1;
        int pos = from;
        while (pos < head.length()) {
            int end = Lines.contentEnd(head, pos);
            if (end == head.length() && !complete) {
                return Optional.empty(); // an unfinished line cannot be judged
            }
            String text = head.substring(pos, end);
            boolean blank = text.isBlank();
            if (fence != null) {
                if (closesFence(text, fence)) {
                    fence = null;
                }
                previousStart = -1;
            } else {
                Matcher fenceOpen = FENCE.matcher(text);
                Matcher atx = ATX_H1.matcher(text);
                if (fenceOpen.matches()) {
                    fence = fenceOpen.group(1);
                    previousStart = -1;
                } else if (atx.matches()) {
                    if (atx.group(1) != null && !atx.group(1).isBlank()) {
                        int start = pos + atx.start(1);
                        int stop = Lines.trimEnd(head, start, pos + atx.end(1));
                        return Optional.of(TitleLocation.verbatim(start, stop, head.substring(start, stop)));
                    }
                    previousStart = -1;
                } else if (previousStart >= 0 && SETEXT_H1.matcher(text).matches()) {
                    int lineEnd = Lines.contentEnd(head, previousStart);
                    int start = Lines.skipSpace(head, previousStart, lineEnd);
                    int stop = Lines.trimEnd(head, start, lineEnd);
                    return Optional.of(TitleLocation.verbatim(start, stop, head.substring(start, stop)));
                } else {
                    // a single-line paragraph that is not indented code may be a Setext heading
                    boolean candidate = !blank && previousBlank && !text.startsWith("    ") && !text.startsWith("\t");
                    previousStart = candidate ? pos : -1;
                }
            }
            previousBlank = blank;
            pos = Lines.nextLineStart(head, pos);
        }
        return Optional.empty();
    }

    /** A closing fence is at least as long as the opening one, of the same character, and nothing else. */
    private static boolean closesFence(String text, String fence) {
        String stripped = text.strip();
        return stripped.length() >= fence.length() && stripped.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static String line(String head, int from) {
        return head.substring(from, Lines.contentEnd(head, from));
    }
}
