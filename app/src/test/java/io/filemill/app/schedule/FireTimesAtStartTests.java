package io.filemill.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

class FireTimesAtStartTests {

    private static final CronExpression NIGHTLY = CronExpression.parse("0 0 2 * * *");
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private static ZonedDateTime at(String time) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(time), ZONE);
    }

    @Test
    void aSchedulerStartedAtTheFireTimeRunsItAsDueNotAsMissed() {
        FireTimesAtStart passed = FireTimesAtStart.of(NIGHTLY, Optional.of(at("2026-11-30T02:00:00")),
                at("2026-12-01T02:00:02.500"));

        assertThat(passed.due()).contains(at("2026-12-01T02:00:00"));
        assertThat(passed.missed()).isEmpty();
    }

    @Test
    void aSchedulerStartedAtTheFireTimeOfAnInboxThatNeverRanRunsIt() {
        FireTimesAtStart passed = FireTimesAtStart.of(NIGHTLY, Optional.empty(), at("2026-12-01T02:00:00.001"));

        assertThat(passed.due()).contains(at("2026-12-01T02:00:00"));
        assertThat(passed.missed()).isEmpty();
    }

    @Test
    void aFireTimeMoreThanAMinuteAgoSinceTheLastRunWasMissed() {
        FireTimesAtStart passed = FireTimesAtStart.of(NIGHTLY, Optional.of(at("2026-11-28T02:00:00")),
                at("2026-12-01T09:30:00"));

        assertThat(passed.missed()).contains(at("2026-12-01T02:00:00"));
        assertThat(passed.due()).isEmpty();
    }

    @Test
    void anInboxThatNeverRanMissedNothing() {
        assertThat(FireTimesAtStart.of(NIGHTLY, Optional.empty(), at("2026-12-01T09:30:00")))
                .isEqualTo(new FireTimesAtStart(Optional.empty(), Optional.empty()));
    }

    @Test
    void aFireTimeTheLastRunAlreadyServedIsNeitherMissedNorDue() {
        FireTimesAtStart passed = FireTimesAtStart.of(NIGHTLY, Optional.of(at("2026-12-01T02:00:00.200")),
                at("2026-12-01T02:00:40"));

        assertThat(passed).isEqualTo(new FireTimesAtStart(Optional.empty(), Optional.empty()));
    }

    @Test
    void nightsMissedBeforeAStartAtTheFireTimeAreCoveredByTheRunDueNow() {
        FireTimesAtStart passed = FireTimesAtStart.of(NIGHTLY, Optional.of(at("2026-11-27T02:00:00")),
                at("2026-12-01T02:00:01"));

        assertThat(passed.missed()).contains(at("2026-11-30T02:00:00"));
        assertThat(passed.due()).contains(at("2026-12-01T02:00:00"));
    }
}
