package io.filemill.pipeline.title;

import io.filemill.pipeline.task.Deadline;
import java.util.Optional;
import java.util.Set;

/**
 * Markdown: a {@code title:} in YAML front matter takes precedence; otherwise the first level-one
 * heading, ATX ({@code # Title}) or Setext ({@code Title} over {@code ===}), outside fenced code.
 * The head is walked once, line by line, and each line is read by hand, never by a regular
 * expression that could backtrack over a long run of spaces, tabs or marks.
 */
final class MarkdownFormat implements TitleFormat {

    private static final Set<String> EXTENSIONS = Set.of("md", "markdown", "mdown", "mkd");

    @Override
    public String name() {
        return "markdown";
    }

    @Override
    public boolean handlesExtension(String extension) {
        return EXTENSIONS.contains(extension);
    }

    @Override
    public Optional<TitleLocation> locate(String head, boolean complete, Deadline deadline) {
        int bodyStart = 0;
        int firstEnd = Lines.contentEnd(head, 0);
        if (firstEnd < head.length() && MarkdownLines.isFrontMatterFence(head, 0, firstEnd)) {
            FrontMatter frontMatter = frontMatter(head, Lines.afterTerminator(head, firstEnd), deadline);
            if (frontMatter != null) {
                if (frontMatter.title != null) {
                    return Optional.of(frontMatter.title);
                }
                bodyStart = frontMatter.end;
            }
        }
        return firstHeading(head, bodyStart, complete, deadline);
    }

    private record FrontMatter(int end, TitleLocation title) {
    }

    /** Parses front matter from its second line, or returns null when it is not closed in the head. */
    private static FrontMatter frontMatter(String head, int from, Deadline deadline) {
        TitleLocation title = null;
        int pos = from;
        while (pos < head.length()) {
            deadline.check();
            int end = Lines.contentEnd(head, pos);
            if (MarkdownLines.isFrontMatterEnd(head, pos, end)) {
                return new FrontMatter(Lines.afterTerminator(head, end), title);
            }
            if (title == null && end < head.length()) {
                int value = MarkdownLines.afterTitleKey(head, pos, end);
                if (value >= 0) {
                    title = YamlScalar.locate(head, value, end);
                }
            }
            pos = Lines.afterTerminator(head, end);
        }
        return null;
    }

    private static Optional<TitleLocation> firstHeading(String head, int from, boolean complete, Deadline deadline) {
        char fenceChar = 0;
        int fenceLength = 0;
        boolean previousBlank = true;
        int previousStart = -1;
        int previousEnd = -1;
        int pos = from;
        while (pos < head.length()) {
            deadline.check();
            int end = Lines.contentEnd(head, pos);
            if (end == head.length() && !complete) {
                return Optional.empty(); // an unfinished line cannot be judged
            }
            boolean blank = Lines.isBlank(head, pos, end);
            if (fenceLength > 0) {
                if (MarkdownLines.closesFence(head, pos, end, fenceChar, fenceLength)) {
                    fenceLength = 0;
                }
                previousStart = -1;
            } else {
                int fence = MarkdownLines.fenceLength(head, pos, end);
                long atx = fence > 0 ? MarkdownLines.NOT_ATX : MarkdownLines.atxHeadingOne(head, pos, end);
                if (fence > 0) {
                    fenceChar = head.charAt(Lines.skipBlanks(head, pos, end));
                    fenceLength = fence;
                    previousStart = -1;
                } else if (atx != MarkdownLines.NOT_ATX) {
                    int start = (int) (atx >>> 32);
                    int stop = Lines.trimEnd(head, start, (int) atx);
                    if (start < stop) {
                        return Optional.of(TitleLocation.verbatim(start, stop, head.substring(start, stop)));
                    }
                    previousStart = -1;
                } else if (previousStart >= 0 && MarkdownLines.isSetextOne(head, pos, end)) {
                    int start = Lines.skipSpace(head, previousStart, previousEnd);
                    int stop = Lines.trimEnd(head, start, previousEnd);
                    return Optional.of(TitleLocation.verbatim(start, stop, head.substring(start, stop)));
                } else {
                    // a single-line paragraph that is not indented code may be a Setext heading
                    boolean candidate = !blank && previousBlank && !head.startsWith("    ", pos)
                            && !head.startsWith("\t", pos);
                    previousStart = candidate ? pos : -1;
                    previousEnd = end;
                }
            }
            previousBlank = blank;
            pos = Lines.afterTerminator(head, end);
        }
        return Optional.empty();
    }
}
