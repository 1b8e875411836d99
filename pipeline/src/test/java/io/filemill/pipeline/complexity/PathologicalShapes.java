package io.filemill.pipeline.complexity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Files that cost a careless title engine time quadratic (or worse) in their size: long runs of
 * line ends, blanks, marks and unclosed constructs, in all three formats. Each shape builds its
 * content at any size, so that tests and benchmarks can compare sizes.
 *
 * <p>{@code main(DIR, BYTES)} writes one file of each shape into DIR, for {@code scripts/bench-shapes.sh}.
 */
public final class PathologicalShapes {

    /** One shape: a file name (its extension picks the format) and its content at about {@code size} bytes. */
    public record Shape(String fileName, IntFunction<byte[]> content) {

        public String name() {
            return fileName.substring(0, fileName.lastIndexOf('.') < 0 ? fileName.length() : fileName.lastIndexOf('.'));
        }

        @Override
        public String toString() {
            return fileName;
        }
    }

    private PathologicalShapes() {
    }

    public static List<Shape> all() {
        return List.of(
                // plain text
                shape("text-lf-only.txt", size -> repeat("\n", size)),
                shape("text-cr-only.txt", size -> repeat("\r", size)),
                shape("text-crlf-only.txt", size -> repeat("\r\n", size)),
                shape("text-blank-lines.txt", size -> repeat(" \t \n", size)),
                shape("text-one-blank-line.txt", size -> repeat(" ", size)),
                shape("text-unicode-spaces.txt", size -> repeat("\u3000\u2003\u2028\n", size)),
                shape("text-title-after-blanks.txt", size -> repeat("\n", size - 6) + "Title\n"),
                shape("text-one-long-word.txt", size -> repeat("x", size)),
                // Markdown
                shape("md-short-lines-no-h1.md", size -> repeat("## a\n", size)),
                shape("md-list-no-h1.md", size -> repeat("- item\n", size)),
                shape("md-atx-long-blank-run.md", size -> "# " + repeat(" \t", size - 3) + "x"),
                shape("md-atx-many-closing-marks.md", size -> "# a" + repeat(" #", size - 4) + "x"),
                shape("md-atx-hashes-and-blanks.md", size -> repeat("#\t ", size)),
                shape("md-atx-long-title.md", size -> "# " + repeat("ab ", size - 2)),
                shape("md-unclosed-fence.md", size -> "```\n" + repeat("# code\n", size - 4)),
                shape("md-many-fences.md", size -> repeat("```\n~~~\n", size)),
                shape("md-long-fence-marks.md", size -> repeat("`", size / 2) + "\n" + repeat("`", size / 2 - 2)),
                shape("md-front-matter-unclosed.md", size -> "---\n" + repeat("key: value\n", size - 4)),
                shape("md-front-matter-unclosed-quotes.md", size -> "---\n" + repeat("title: \"a\\\"\n", size - 8) + "---\n"),
                shape("md-front-matter-long-blank-value.md", size -> "---\ntitle:" + repeat(" \t", size - 16) + "x\n---\n"),
                shape("md-setext-candidates.md", size -> repeat("a\n\n", size)),
                shape("md-setext-long-underline.md", size -> "Title\n" + repeat("=", size - 8) + "x\n"),
                shape("md-indented-code.md", size -> repeat("    code\n", size)),
                shape("md-one-long-paragraph.md", size -> repeat("word ", size)),
                // HTML
                shape("html-many-lt.html", size -> repeat("<", size)),
                shape("html-many-title-starts.html", size -> repeat("<title ", size)),
                shape("html-unclosed-comments.html", size -> repeat("<!-- ", size)),
                shape("html-many-comments.html", size -> repeat("<!---->", size)),
                shape("html-title-ampersands.html", size -> "<title>" + repeat("&", size - 16) + "</title>"),
                shape("html-title-references.html", size -> "<title>" + repeat("&#x4", size - 16) + "</title>"),
                shape("html-title-unclosed.html", size -> "<title>" + repeat("x <", size - 7)),
                shape("html-title-blank.html", size -> "<title>" + repeat(" \n", size - 16) + "x</title>"),
                shape("html-title-close-starts.html", size -> "<title>" + repeat("</", size - 16) + "</title>"),
                shape("html-sniffed-no-extension", size -> "<html>" + repeat("<b>", size - 6)),
                // UTF-8
                shape("utf8-two-byte-title.txt", size -> repeat("\u00e9", size / 2)),
                shape("utf8-four-byte-lines.md", size -> repeat("\uD83D\uDE00\n", size / 5)),
                shape("utf8-invalid-at-end.txt", size -> new String(bad(size), StandardCharsets.ISO_8859_1)));
    }

    private static Shape shape(String fileName, IntFunction<String> text) {
        return new Shape(fileName, size -> {
            String content = text.apply(size);
            return fileName.startsWith("utf8-invalid") ? content.getBytes(StandardCharsets.ISO_8859_1)
                    : content.getBytes(StandardCharsets.UTF_8);
        });
    }

    /** {@code unit} repeated to about {@code size} chars. */
    private static String repeat(String unit, int size) {
        return unit.repeat(Math.max(1, size / unit.length()));
    }

    private static byte[] bad(int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[size - 1] = (byte) 0xFF;
        return bytes;
    }

    /** Writes one file of each shape, {@code args[1]} bytes each, into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int size = Integer.parseInt(args[1]);
        for (Shape shape : all()) {
            Files.write(dir.resolve(shape.fileName()), shape.content().apply(size));
        }
    }
}
