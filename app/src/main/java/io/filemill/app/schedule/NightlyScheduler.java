package io.filemill.app.schedule;

import io.filemill.app.config.ConfigurationCheck;
import io.filemill.app.config.FilemillProperties;
import io.filemill.app.history.RunHistory;
import io.filemill.app.job.LockHeldException;
import io.filemill.app.job.RunResult;
import io.filemill.app.job.RunService;
import io.filemill.app.stop.Shutdown;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Starts a run at every fire time of the configured cron expression, one run at a time, until
 * stopped. At start, a fire time missed since the inbox's last run (the process was down) is
 * handled by the misfire policy; one that passed less than a minute ago (a scheduler started at a
 * fire time) runs at once ({@link FireTimesAtStart}). The next fire time is logged at start and after every run.
 */
@Component
public class NightlyScheduler {

    private static final Logger log = LoggerFactory.getLogger(NightlyScheduler.class);

    private final FilemillProperties properties;
    private final RunService runService;
    private final RunHistory history;
    private final CountDownLatch stopped = new CountDownLatch(1);

    NightlyScheduler(FilemillProperties properties, RunService runService, RunHistory history) {
        this.properties = properties;
        this.runService = runService;
        this.history = history;
    }

    /** Schedules runs and blocks until {@link #stop()}; a run in progress is finished first. */
    public void runUntilStopped(PrintStream out, PrintStream err, Shutdown shutdown) throws InterruptedException {
        FilemillProperties.Schedule schedule = properties.schedule();
        ZoneId zone = ConfigurationCheck.zone(schedule.zone());
        CronExpression cron = ConfigurationCheck.cron(schedule.cron());
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("schedule-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(300);
        scheduler.initialize();
        Runnable run = () -> runOnce(cron, zone, out, err, shutdown);
        FireTimesAtStart passed = FireTimesAtStart.of(cron, lastStart(zone), ZonedDateTime.now(zone));
        passed.missed().ifPresent(missed -> {
            if (schedule.misfire() == FilemillProperties.Misfire.RUN_ONCE && passed.due().isEmpty()) {
                log.info("schedule: the run due at {} was missed; running now (misfire: run-once)", missed);
                scheduler.execute(run);
            } else if (schedule.misfire() == FilemillProperties.Misfire.RUN_ONCE) {
                log.info("schedule: the run due at {} was missed; the run due now covers it", missed);
            } else {
                log.info("schedule: the run due at {} was missed; waiting for the next (misfire: skip)", missed);
            }
        });
        passed.due().ifPresent(due -> {
            log.info("schedule: the run due at {} is starting now (filemill started less than {} s after it)", due,
                    FireTimesAtStart.THRESHOLD.toSeconds());
            scheduler.execute(run);
        });
        ScheduledFuture<?> fireTimes = scheduler.schedule(run, new CronTrigger(schedule.cron(), zone));
        log.info("schedule: '{}' ({}); next run at {}", schedule.cron(), zone, next(cron, zone));
        try {
            stopped.await();
        } finally {
            log.info("schedule: stopping; a run in progress finishes first");
            if (fireTimes != null) {
                fireTimes.cancel(false); // or shutdown would wait for the next fire time
            }
            scheduler.shutdown();
        }
    }

    /** Ends {@link #runUntilStopped}; safe from any thread. */
    public void stop() {
        stopped.countDown();
    }

    private void runOnce(CronExpression cron, ZoneId zone, PrintStream out, PrintStream err, Shutdown shutdown) {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            RunResult result = runService.run(new RunService.Request(false, out, err, shutdown));
            log.info("schedule: run ended: {}; next run at {}", result.describe(), next(cron, zone));
        } catch (LockHeldException held) {
            log.warn("schedule: run skipped: {}; next run at {}", held.getMessage(), next(cron, zone));
        } catch (Exception e) {
            log.error("schedule: run failed: {}; next run at {}", e.getMessage(), next(cron, zone));
        }
    }

    /** When this inbox's last run started, if it ever ran. */
    private Optional<ZonedDateTime> lastStart(ZoneId zone) {
        Path inbox = properties.inbox().toAbsolutePath().normalize();
        return history.latest(200).stream()
                .filter(run -> inbox.toString().equals(run.inbox()) && run.started() != null)
                .map(RunHistory.PastRun::started).max(LocalDateTime::compareTo)
                .map(started -> started.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone));
    }

    private static ZonedDateTime next(CronExpression cron, ZoneId zone) {
        return Objects.requireNonNull(cron.next(ZonedDateTime.now(zone)), "the cron expression never fires");
    }
}
