package io.filemill.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaveTimesTests {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration MIN_AGE = Duration.ofSeconds(5);
    private static final Duration RESCAN = Duration.ofMinutes(1);

    @Test
    void theInboxIsLookedAtFirstThingAtStart() {
        WaveTimes times = new WaveTimes(MIN_AGE, RESCAN, START);

        assertThat(times.isDue(START)).isTrue();
    }

    @Test
    void aChangedFileIsLookedAtJustAfterItsMinAge() {
        WaveTimes times = new WaveTimes(MIN_AGE, RESCAN, START);
        times.looking(START);
        Instant written = START.plusMillis(2_345);

        times.changed(written);

        assertThat(times.next()).isEqualTo(Instant.parse("2026-12-01T10:00:07.500Z")); // +5 s +0.1 s, rounded up
        assertThat(times.isDue(written.plus(MIN_AGE))).isFalse();
    }

    @Test
    void withoutChangesTheInboxIsRescannedEveryRescanInterval() {
        WaveTimes times = new WaveTimes(MIN_AGE, RESCAN, START);
        times.looking(START);

        assertThat(times.next()).isEqualTo(START.plus(RESCAN));
        times.looking(START.plus(RESCAN));
        assertThat(times.next()).isEqualTo(START.plus(RESCAN).plus(RESCAN));
    }

    @Test
    void aLookCoversEverythingDueByThenAndNothingLater() {
        WaveTimes times = new WaveTimes(MIN_AGE, RESCAN, START);
        times.changed(START.plusSeconds(1));
        times.changed(START.plusSeconds(20));

        times.looking(START.plusSeconds(10));

        assertThat(times.next()).isEqualTo(START.plusSeconds(25).plus(WaveTimes.SETTLE));
    }

    @Test
    void lostEventsMakeALookDueAtOnceAndAgainAfterTheMinAge() {
        WaveTimes times = new WaveTimes(MIN_AGE, RESCAN, START);
        times.looking(START);
        Instant lost = START.plusSeconds(3);

        times.lost(lost);

        assertThat(times.isDue(lost)).isTrue();
        times.looking(lost);
        assertThat(times.next()).isEqualTo(lost.plus(MIN_AGE).plus(WaveTimes.SETTLE));
    }

    @Test
    void aMillionWritesWithinOneMinAgeKeepOnlyAHandfulOfDueTimes() {
        WaveTimes times = new WaveTimes(MIN_AGE, RESCAN, START);
        times.looking(START);

        for (int i = 0; i < 1_000_000; i++) {
            times.changed(START.plusNanos(i * 5_000L)); // one write every 5 µs for 5 s
        }

        assertThat(times.pending()).isLessThanOrEqualTo((int) (MIN_AGE.toMillis() / WaveTimes.SETTLE.toMillis()) + 1);
    }
}
