package io.filemill.pipeline.title;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Chooses the title format of a file: by extension first; a file with an unknown extension is
 * HTML when its head starts like an HTML document, and plain text otherwise.
 */
public final class TitleFormats {

    private final List<TitleFormat> formats;
    private final TitleFormat html = new HtmlFormat();
    private final TitleFormat text = new PlainTextFormat();

    private TitleFormats(List<TitleFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** The built-in formats: Markdown, HTML and plain text. */
    public static TitleFormats standard() {
        return of(List.of(new MarkdownFormat(), new HtmlFormat(), new PlainTextFormat()));
    }

    /** These formats, tried in order by extension; HTML or plain text for other extensions. */
    public static TitleFormats of(List<TitleFormat> formats) {
        return new TitleFormats(formats);
    }

    /** The format for a file, given its name and the decoded start of its content. */
    public TitleFormat forFile(String fileName, String head) {
        Objects.requireNonNull(fileName, "fileName");
        String extension = extension(fileName);
        for (TitleFormat format : formats) {
            if (format.handlesExtension(extension)) {
                return format;
            }
        }
        int start = Lines.skipSpace(head, 0, head.length());
        return head.regionMatches(true, start, "<!doctype html", 0, 14) || head.regionMatches(true, start, "<html", 0, 5)
                ? html : text;
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
