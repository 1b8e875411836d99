package io.filemill.pipeline.bench;

import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.rule.TitleContext;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.RetitleResult;
import io.filemill.pipeline.title.TitleFormat;
import io.filemill.pipeline.title.TitleFormats;
import io.filemill.pipeline.title.TitleLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The title engine: finding and rewriting a title in memory ({@code locateAndRewrite}), and the whole
 * retitle step on a real file ({@code retitleFile}: read, check UTF-8, rewrite, write the staged file,
 * without forcing), for a small document of each format and for a large Markdown file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TitleEngineBenchmark {

    @Param({"small.md", "small.html", "small.txt", "large.md"})
    public String document;

    private Path dir;
    private Path file;
    private String text;
    private Retitler retitler;
    private final TitleFormats formats = TitleFormats.standard();
    private final RuleChain rules = RuleChain.defaults();
    private final TitleContext context = new TitleContext("doc.md", LocalDate.of(2026, 1, 1));
    private long ids;

    @Setup(Level.Trial)
    public void writeDocument() throws IOException {
        dir = Files.createTempDirectory("filemill-bench");
        String body = "meeting notes and the plan for the weekly status review. ".repeat(30) + "\n";
        String content = switch (document) {
            case "small.md" -> "---\nauthor: someone\n---\n# quarterly   budget review\n\n" + body;
            case "small.html" -> "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>quarterly  budget &amp; "
                    + "review</title></head>\n<body><p>" + body + "</p></body></html>\n";
            case "small.txt" -> "quarterly   budget review\n\n" + body;
            case "large.md" -> "# quarterly   budget review\n\n" + body.repeat(16 * 1024 * 1024 / body.length());
            default -> throw new IllegalArgumentException(document);
        };
        file = Files.writeString(dir.resolve(document), content, StandardCharsets.UTF_8);
        text = content.length() > RetitleSettings.DEFAULT_HEAD_LIMIT
                ? content.substring(0, RetitleSettings.DEFAULT_HEAD_LIMIT) : content;
        retitler = new Retitler(new RetitleSettings(dir, Files.createDirectory(dir.resolve("staging")), "bench",
                rules, LocalDate.of(2026, 1, 1), RetitleSettings.DEFAULT_HEAD_LIMIT));
    }

    @TearDown(Level.Trial)
    public void removeFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public String locateAndRewrite() {
        TitleFormat format = formats.forFile(document, text);
        TitleLocation title = format.locate(text, text.length() < RetitleSettings.DEFAULT_HEAD_LIMIT).orElseThrow();
        return title.encoder().apply(rules.apply(title.title(), context));
    }

    @Benchmark
    public RetitleResult retitleFile() throws IOException {
        RetitleResult result = retitler.retitle(new FileTask(++ids, file, document, Files.size(file)));
        if (result instanceof RetitleResult.Rewritten rewritten) {
            Files.delete(rewritten.staged());
        }
        return result;
    }
}
