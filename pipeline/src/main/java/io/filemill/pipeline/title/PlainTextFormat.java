package io.filemill.pipeline.title;

import io.filemill.pipeline.task.Deadline;
import java.util.Optional;
import java.util.Set;

/** Plain text: the title is the first line that is not blank, without its surrounding spaces. */
final class PlainTextFormat implements TitleFormat {

    private static final Set<String> EXTENSIONS = Set.of("txt", "text");

    @Override
    public String name() {
        return "text";
    }

    @Override
    public boolean handlesExtension(String extension) {
        return EXTENSIONS.contains(extension);
    }

    @Override
    public Optional<TitleLocation> locate(String head, boolean complete, Deadline deadline) {
        int line = 0;
        while (line < head.length()) {
            deadline.check();
            int end = Lines.contentEnd(head, line);
            if (end == head.length() && !complete) {
                return Optional.empty(); // the line runs past the head: no safe span
            }
            int start = Lines.skipSpace(head, line, end);
            if (start < end) {
                int stop = Lines.trimEnd(head, start, end);
                return Optional.of(TitleLocation.verbatim(start, stop, head.substring(start, stop)));
            }
            line = Lines.afterTerminator(head, end);
        }
        return Optional.empty();
    }
}
