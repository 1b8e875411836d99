package io.filemill.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict follows the numbers, not a script. */
class VerdictTests {

    private static TrialResult trial(Configuration c, double filesPerSecond, boolean workers) {
        return new TrialResult(c.label(), 1, 1000, 1_000_000, 1000 / filesPerSecond, filesPerSecond, 1, 900, 1, 2, 3,
                2.0, workers ? 1.0 : null, 200, 100, workers ? 80.0 : null, workers ? 120.0 : null,
                workers ? 2002.0 : null, workers ? 1.5 : null);
    }

    private static ConfigurationSummary summary(Configuration c, double... rates) {
        return ConfigurationSummary.of(c, Arrays.stream(rates)
                .mapToObj(rate -> trial(c, rate, c.mode().equals("process"))).toList());
    }

    @Test
    void processFasterThanThreadIsSaidSoWithTheRatio() {
        List<ConfigurationSummary> summaries = List.of(
                summary(Configuration.filemill("thread", 2, "fast"), 900, 1000, 1100),
                summary(Configuration.filemill("process", 2, "fast"), 1900, 2000, 2100));
        List<String> verdict = Verdict.of(summaries);
        assertThat(verdict.get(0)).startsWith("Fastest here: process x2 fast, 2,000 files/s");
        assertThat(verdict.get(1)).contains("process mode was 2.00x as fast (2,000 against 1,000 files/s)",
                "do not overlap");
        assertThat(verdict.get(2)).contains("120 ms per worker JVM", "2,002 frames (1.5 MiB)");
    }

    @Test
    void overlappingRepeatsAreCalledNoise() {
        List<ConfigurationSummary> summaries = List.of(
                summary(Configuration.filemill("thread", 1, "fast"), 900, 1000, 1200),
                summary(Configuration.filemill("process", 1, "fast"), 950, 980, 1150));
        assertThat(Verdict.of(summaries).get(1)).contains("thread mode was 1.02x", "within this machine's noise");
    }

    @Test
    void oneTrialEachClaimsNoSpread() {
        List<ConfigurationSummary> summaries = List.of(
                summary(Configuration.filemill("thread", 2, "fast"), 1000),
                summary(Configuration.filemill("process", 2, "fast"), 800));
        assertThat(Verdict.of(summaries).get(1)).contains("thread mode was 1.25x", "with one trial of each there is "
                + "no spread").doesNotContain("overlap");
    }

    @Test
    void filemillIsComparedWithThePlainProgramOnAsManyThreadsAsItHasWorkers() {
        List<ConfigurationSummary> summaries = List.of(
                summary(Configuration.baseline(1, "fast"), 500),
                summary(Configuration.filemill("thread", 1, "fast"), 400),
                summary(Configuration.baseline(2, "fast"), 1000),
                summary(Configuration.filemill("thread", 2, "fast"), 800),
                summary(Configuration.filemill("process", 2, "fast"), 720),
                summary(Configuration.baseline(2, "durable"), 250));
        List<String> verdict = Verdict.of(summaries);
        assertThat(verdict).anySatisfy(line -> assertThat(line).startsWith("The plain-JDK program on 1 thread ")
                .contains("did 500 files/s", "in thread mode 0.80x that (400 files/s)").doesNotContain("process"));
        assertThat(verdict).anySatisfy(line -> assertThat(line).startsWith("The plain-JDK program on 2 threads ")
                .contains("did 1,000 files/s", "in thread mode 0.80x that (800 files/s)",
                        "in process mode 0.72x that (720 files/s)"));
        assertThat(verdict).anySatisfy(line -> assertThat(line)
                .contains("slowed the plain program on 2 threads to 0.25x (250 against 1,000 files/s)"));
        assertThat(Configuration.baseline(2, "durable").label()).isEqualTo("baseline x2 forced");
        assertThat(Configuration.baseline(1, "fast").label()).isEqualTo("baseline x1 fast");
    }
}
