package io.filemill.app.schedule;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * The fire times that passed before the scheduler started: the last one {@link #missed()} while
 * filemill was down, which the misfire policy handles, and one {@link #due()} just now (within
 * {@link #THRESHOLD}, the start-up of a scheduler started at a fire time), which runs whatever the
 * policy says. The threshold is Quartz's default misfire threshold.
 *
 * @param missed the latest fire time after the last run and more than the threshold ago
 * @param due    the latest fire time within the threshold, after the last run
 */
record FireTimesAtStart(Optional<ZonedDateTime> missed, Optional<ZonedDateTime> due) {

    static final Duration THRESHOLD = Duration.ofMinutes(1);

    /**
     * The fire times of {@code cron} between the last run's start (none: the inbox never ran, so
     * nothing was missed) and {@code now}.
     */
    static FireTimesAtStart of(CronExpression cron, Optional<ZonedDateTime> lastStart, ZonedDateTime now) {
        ZonedDateTime recent = now.minus(THRESHOLD);
        Optional<ZonedDateTime> missed = lastStart.flatMap(last -> latest(cron, last, recent));
        ZonedDateTime dueAfter = lastStart.filter(last -> last.isAfter(recent)).orElse(recent);
        return new FireTimesAtStart(missed, latest(cron, dueAfter, now));
    }

    /** The latest fire time after {@code after} and at or before {@code until}. */
    private static Optional<ZonedDateTime> latest(CronExpression cron, ZonedDateTime after, ZonedDateTime until) {
        ZonedDateTime latest = null;
        for (ZonedDateTime fire = cron.next(after); fire != null && !fire.isAfter(until); fire = cron.next(fire)) {
            latest = fire;
        }
        return Optional.ofNullable(latest);
    }
}
