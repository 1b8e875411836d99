package io.filemill.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmoothedRateTests {

    private static final long TICK = Duration.ofMillis(200).toNanos();

    @Test
    void aSteadyPaceIsItsOwnRate() {
        SmoothedRate rate = new SmoothedRate(Duration.ofSeconds(3));
        for (int tick = 0; tick <= 50; tick++) {
            rate.update(tick * TICK, tick * 200L); // 1,000 files/s
        }
        assertThat(rate.current()).isCloseTo(1000, within(0.001));
    }

    @Test
    void aChangeOfPaceIsFollowedOverTheTimeConstantNotAtOnce() {
        SmoothedRate rate = new SmoothedRate(Duration.ofSeconds(3));
        long count = 0;
        int tick = 0;
        for (; tick <= 50; tick++) {
            rate.update(tick * TICK, count);
            count += 200; // 1,000 files/s
        }
        rate.update(tick * TICK, count + 400 - 200); // the first tick at 2,000 files/s
        assertThat(rate.current()).isBetween(1000.0, 1200.0);
        count += 200;
        for (int second = 0; second < 15 * 5; second++) {
            tick++;
            count += 400;
            rate.update(tick * TICK, count);
        }
        assertThat(rate.current()).isCloseTo(2000, within(20.0));
    }

    @Test
    void noTimeNoChange() {
        SmoothedRate rate = new SmoothedRate(Duration.ofSeconds(3));
        rate.update(0, 0);
        rate.update(TICK, 100);
        double before = rate.current();
        assertThat(rate.update(TICK, 500)).isEqualTo(before);
    }
}
