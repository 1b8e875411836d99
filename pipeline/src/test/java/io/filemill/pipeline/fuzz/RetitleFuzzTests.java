package io.filemill.pipeline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.RetitleResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Fuzzes the whole retitle step on a real file with any bytes and a small head (1 KiB, so that
 * titles cross its end): it answers with a result, never an exception, and a rewritten file has the
 * size it reports. It hunts slow files too: the bytes of one input in {@value #AMPLIFY_ONE_IN} (the
 * title engine's own target does this for every input) are also repeated to about {@value #SMALL} and
 * {@value #LARGE} bytes and retitled with a head that holds all of them, and the larger file may take
 * at most four times as long per byte as the smaller (times below {@value #FLOOR_MILLIS} ms pass).
 */
class RetitleFuzzTests {

    private static final String[] NAMES = {"doc.md", "page.html", "notes.txt", "README"};
    private static final RuleChain RULES = RuleChain.defaults();
    private static final int SMALL = 16 * 1024;
    private static final int LARGE = 256 * 1024;
    private static final long FLOOR_MILLIS = 20;
    /** Writing and retitling the large files takes about 70 ms, so only one input in so many is amplified. */
    private static final int AMPLIFY_ONE_IN = 32;

    @FuzzTest(maxDuration = "10s")
    void retitlingAnyFileAnswersWithAResultInTimeLinearInIt(FuzzedDataProvider data) throws Exception {
        Path dir = Files.createTempDirectory("filemill-fuzz");
        try {
            Path inbox = Files.createDirectory(dir.resolve("inbox"));
            Path processed = Files.createDirectory(dir.resolve("processed"));
            String name = NAMES[data.consumeInt(0, NAMES.length - 1)];
            byte[] bytes = data.consumeRemainingAsBytes();
            RetitleResult result = retitle(inbox, processed, name, bytes, 1024);
            assertThat(result).isNotNull();
            if (result instanceof RetitleResult.Rewritten rewritten) {
                assertThat(Files.size(rewritten.staged())).isEqualTo(rewritten.bytes());
            }
            if (bytes.length > 0 && (Arrays.hashCode(bytes) & (AMPLIFY_ONE_IN - 1)) == 0) {
                byte[] small = repeat(bytes, SMALL);
                byte[] large = repeat(bytes, LARGE);
                LinearTime.Work largeWork = () -> retitleWhole(inbox, processed, name, large);
                if (LinearTime.fastest(largeWork, 2) > FLOOR_MILLIS * 1_000_000) {
                    double perByte = LinearTime.ratio(() -> retitleWhole(inbox, processed, name, small), small.length,
                            largeWork, large.length, 4);
                    assertThat(perByte).as("time per byte at %d bytes over time per byte at %d bytes, %d bytes repeated",
                            large.length, small.length, bytes.length).isLessThanOrEqualTo(4);
                }
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static RetitleResult retitle(Path inbox, Path processed, String name, byte[] content, int headLimit)
            throws IOException {
        Path file = Files.write(inbox.resolve(name), content);
        Retitler retitler = new Retitler(new RetitleSettings(inbox, processed, "fuzz", RULES,
                LocalDate.of(2026, 1, 1), headLimit));
        return retitler.retitle(new FileTask(1, file, name, Files.size(file)));
    }

    /** Retitles {@code content} with a head that holds all of it, and deletes the staged copy. */
    private static void retitleWhole(Path inbox, Path processed, String name, byte[] content) throws IOException {
        RetitleResult result = retitle(inbox, processed, name, content, 2 * LARGE);
        if (result instanceof RetitleResult.Rewritten rewritten) {
            Files.delete(rewritten.staged());
        }
    }

    private static byte[] repeat(byte[] unit, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + unit.length);
        for (int i = 0; i < Math.max(1, size / unit.length); i++) {
            out.writeBytes(unit);
        }
        return out.toByteArray();
    }
}
