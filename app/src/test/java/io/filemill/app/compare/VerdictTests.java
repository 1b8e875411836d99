package io.filemill.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict and the targets follow the numbers, not a script. */
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
    void targetsCompareMediansAndSayWhichAreMet() {
        List<ConfigurationSummary> summaries = List.of(
                summary(Configuration.baseline("fast"), 1000),
                summary(Configuration.filemill("thread", 2, "fast"), 850),
                summary(Configuration.filemill("thread", 2, "durable"), 500),
                summary(Configuration.filemill("process", 2, "fast"), 500));
        List<Target> targets = Target.check(summaries);
        assertThat(targets).extracting(Target::name).contains("thread x2 fast / baseline (files/s)",
                "thread x2 durable / thread x2 fast (files/s)", "process x2 fast / thread x2 fast (files/s)",
                "process x2 fast: worker JVM start to ready");
        assertThat(targets).filteredOn(t -> t.name().startsWith("thread x2 fast / baseline"))
                .singleElement().satisfies(t -> assertThat(t.met()).isTrue());
        assertThat(targets).filteredOn(t -> t.name().startsWith("thread x2 durable / "))
                .singleElement().satisfies(t -> assertThat(t.describe()).isEqualTo("0.59 (target >= 0.65): NOT met"));
        assertThat(targets).filteredOn(t -> t.name().startsWith("process x2 fast / thread"))
                .singleElement().satisfies(t -> assertThat(t.met()).isFalse());
    }
}
