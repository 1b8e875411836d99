package io.filemill.pipeline.complexity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.filemill.pipeline.complexity.PathologicalShapes.Shape;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retitle step (UTF-8 check, format choice, title search, front matter, every rule, staging)
 * takes time linear in the file, for every pathological shape: a file 16 times larger may take at
 * most {@value #ALLOWED_RATIO} times longer (a quadratic step takes 256 times longer). Times are
 * compared with each other, never with a clock budget: each is the fastest of several runs after a
 * warm-up, which filters out the noise of a shared machine.
 */
class TitleEngineComplexityTests {

    private static final int SMALL = 64 * 1024;
    private static final int LARGE = 1024 * 1024;
    private static final int ALLOWED_RATIO = 48;
    private static final List<String> EVERY_RULE = List.of("trim", "collapse-whitespace", "title-case", "lower",
            "upper", "prefix:[{name}] ", "suffix: ({date})", "replace:\\s+=> ", "template:{title}!");

    @TempDir
    Path root;

    private final AtomicLong ids = new AtomicLong();

    static Stream<Shape> shapes() {
        return PathologicalShapes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void retitleTimeGrowsLinearlyWithTheFile(Shape shape) throws IOException {
        Path inbox = Files.createDirectory(root.resolve("inbox"));
        Path staging = Files.createDirectory(root.resolve("processed"));
        Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "c", RuleChain.parse(EVERY_RULE),
                LocalDate.of(2026, 12, 1), 2 * LARGE));
        Path small = Files.write(inbox.resolve("small-" + shape.fileName()), shape.content().apply(SMALL));
        Path large = Files.write(inbox.resolve("large-" + shape.fileName()), shape.content().apply(LARGE));
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            double ratio = ratio(retitler, small, large, 5);
            for (int look = 0; look < 2 && ratio > ALLOWED_RATIO; look++) {
                // more looks, in case the machine was busy: linear is 16, quadratic 256, so a busy
                // machine can push a linear shape past 48 once but no number of looks brings a
                // quadratic one under it
                ratio = Math.min(ratio, ratio(retitler, small, large, 15));
            }
            System.out.printf("%-40s large/small %.1f%n", shape, ratio);
            assertThat(ratio).as("time at 1 MiB over time at 64 KiB for %s", shape).isLessThanOrEqualTo(ALLOWED_RATIO);
        });
    }

    private double ratio(Retitler retitler, Path small, Path large, int runs) throws IOException {
        fastest(retitler, small, 2);
        fastest(retitler, large, 2);
        long smallNanos = fastest(retitler, small, runs);
        long largeNanos = fastest(retitler, large, runs);
        return (double) largeNanos / Math.max(1, smallNanos);
    }

    private long fastest(Retitler retitler, Path file, int runs) throws IOException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            FileTask task = new FileTask(ids.incrementAndGet(), file, file.getFileName().toString(), Files.size(file));
            long started = System.nanoTime();
            RetitleResult result = retitler.retitle(task);
            best = Math.min(best, System.nanoTime() - started);
            if (result instanceof RetitleResult.Rewritten rewritten) {
                Files.delete(rewritten.staged());
            }
        }
        return best;
    }
}
