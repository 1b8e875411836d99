package io.filemill.app.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a deterministic corpus of documents for benchmarks: Markdown, HTML and plain text in equal
 * parts, with lower-case titles and extra spaces, so that every title changes, and bodies sized by
 * a {@link CorpusProfile}. The same seed, count and profile give the same files, byte for byte.
 */
public final class CorpusGenerator {

    private static final String[] WORDS = {"report", "notes", "meeting", "plan", "draft", "summary", "budget",
            "review", "launch", "design", "release", "minutes", "roadmap", "status", "weekly", "annual"};

    private final Random random;

    public CorpusGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** Writes {@code count} small files ({@link CorpusProfile#SMALL}); see {@link #generate(Path, int, CorpusProfile)}. */
    public long generate(Path dir, int count) throws IOException {
        return generate(dir, count, CorpusProfile.SMALL);
    }

    /** Writes {@code count} files into {@code dir} (created) and returns their total size in bytes. */
    public long generate(Path dir, int count, CorpusProfile profile) throws IOException {
        Files.createDirectories(dir);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String title = title();
            String body = body(profile.bodyBytes(i, random.nextDouble(), random.nextInt(1800)));
            String name;
            String content;
            switch (i % 3) {
                case 0 -> {
                    name = String.format(Locale.ROOT, "doc-%06d.md", i);
                    content = "# " + title + "\n\n" + body;
                }
                case 1 -> {
                    name = String.format(Locale.ROOT, "page-%06d.html", i);
                    content = "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head>\n<body><p>" + body
                            + "</p></body></html>\n";
                }
                default -> {
                    name = String.format(Locale.ROOT, "note-%06d.txt", i);
                    content = title + "\n\n" + body;
                }
            }
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(name), data);
            bytes += data.length;
        }
        return bytes;
    }

    private String title() {
        StringBuilder title = new StringBuilder();
        int words = 2 + random.nextInt(5);
        for (int w = 0; w < words; w++) {
            title.append(w == 0 ? "" : random.nextBoolean() ? " " : "   ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return title.toString();
    }

    private String body(int length) {
        StringBuilder body = new StringBuilder(length + 16);
        while (body.length() < length) {
            body.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ".\n" : " ");
        }
        return body.append('\n').toString();
    }
}
