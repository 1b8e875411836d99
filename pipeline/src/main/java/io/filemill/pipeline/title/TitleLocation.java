package io.filemill.pipeline.title;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where a title sits in the decoded head of a file and how a new title is written back.
 *
 * @param start   first char of the title's source text in the head, inclusive
 * @param end     last char of the title's source text in the head, exclusive
 * @param title   the title as a reader sees it (unquoted, entities decoded)
 * @param encoder turns a new title into source text for the span (quoting, escaping)
 */
public record TitleLocation(int start, int end, String title, UnaryOperator<String> encoder) {

    public TitleLocation {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(encoder, "encoder");
    }

    static TitleLocation verbatim(int start, int end, String title) {
        return new TitleLocation(start, end, title, UnaryOperator.identity());
    }
}
