package io.filemill.pipeline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * Fuzzes the whole retitle step on a real file with any bytes and a small head (1 KiB, so that
 * titles cross its end): it answers with a result, never an exception, and a rewritten file has the
 * size it reports.
 */
class RetitleFuzzTests {

    private static final String[] NAMES = {"doc.md", "page.html", "notes.txt", "README"};
    private static final RuleChain RULES = RuleChain.defaults();

    @FuzzTest(maxDuration = "10s")
    void retitlingAnyFileAnswersWithAResult(FuzzedDataProvider data) throws IOException {
        Path dir = Files.createTempDirectory("filemill-fuzz");
        try {
            Path inbox = Files.createDirectory(dir.resolve("inbox"));
            Path processed = Files.createDirectory(dir.resolve("processed"));
            String name = NAMES[data.consumeInt(0, NAMES.length - 1)];
            Path file = Files.write(inbox.resolve(name), data.consumeRemainingAsBytes());
            Retitler retitler = new Retitler(new RetitleSettings(inbox, processed, "fuzz", RULES,
                    LocalDate.of(2026, 1, 1), 1024));
            RetitleResult result = retitler.retitle(new FileTask(1, file, name, Files.size(file)));
            assertThat(result).isNotNull();
            if (result instanceof RetitleResult.Rewritten rewritten) {
                assertThat(Files.size(rewritten.staged())).isEqualTo(rewritten.bytes());
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
