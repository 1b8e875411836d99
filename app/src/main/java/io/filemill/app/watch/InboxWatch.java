package io.filemill.app.watch;

import io.filemill.app.config.FilemillProperties;
import io.filemill.app.config.RunSettings;
import io.filemill.app.job.RunResult;
import io.filemill.app.job.RunService;
import io.filemill.app.stop.Shutdown;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code filemill watch}: runs the job in waves, each time files become ready, until stopped. The
 * file system's change notifications say when a file changed, so a wave starts just after that
 * file's min-age has passed ({@link WaveTimes}); a rescan every {@code filemill.watch.rescan} is
 * the safety net for events lost or never sent. A look that finds no ready file records no run;
 * each wave is a run like any other (lock, recovery, journals, report, job repository, metrics).
 */
@Component
public class InboxWatch {

    private static final Logger log = LoggerFactory.getLogger(InboxWatch.class);

    /** The longest wait between checks for a stop. */
    private static final Duration STOP_CHECK = Duration.ofMillis(250);

    private final FilemillProperties properties;
    private final RunService runService;
    private final CountDownLatch stopped = new CountDownLatch(1);

    InboxWatch(FilemillProperties properties, RunService runService) {
        this.properties = properties;
        this.runService = runService;
    }

    /** Watches and runs waves until {@link #stop()}; a wave in progress stops through {@code shutdown}. */
    public void runUntilStopped(PrintStream out, PrintStream err, Shutdown shutdown)
            throws IOException, InterruptedException {
        RunSettings settings = RunSettings.readOnly(properties);
        ReadyFiles ready = ReadyFiles.in(settings.inbox(), settings.scan());
        Duration rescan = properties.watch().rescan();
        WaveTimes times = new WaveTimes(settings.scan().minAge(), rescan, Instant.now());
        try (InboxEvents events = InboxEvents.watch(settings.inbox(), settings.scan().recursive())) {
            log.info("watch: watching {} (min-age {} ms, rescan every {} s)", settings.inbox(),
                    settings.scan().minAge().toMillis(), rescan.toSeconds());
            while (!isStopped()) {
                Duration wait = Duration.between(Instant.now(), times.next());
                InboxEvents.Changes changes = events.await(wait.compareTo(STOP_CHECK) < 0 ? wait : STOP_CHECK);
                Instant now = Instant.now();
                if (changes.lost()) {
                    log.warn("watch: change notifications were lost; looking at the whole inbox");
                    times.lost(now);
                } else if (changes.any()) {
                    times.changed(now);
                }
                if (times.isDue(now) && !isStopped()) {
                    times.looking(now);
                    if (ready.any()) {
                        wave(out, err, shutdown);
                    } else {
                        log.debug("watch: looked at the inbox; no file is ready");
                    }
                }
            }
        } finally {
            log.info("watch: stopped");
        }
    }

    private void wave(PrintStream out, PrintStream err, Shutdown shutdown) {
        try {
            RunResult result = runService.run(new RunService.Request(false, out, err, shutdown));
            log.info("watch: wave ended: {}", result.describe());
        } catch (Exception e) {
            // a wave that cannot run (a processed/ gone, a full disk) is reported; the next may work
            log.error("watch: wave failed: {}", e.getMessage());
        }
    }

    private boolean isStopped() throws InterruptedException {
        return stopped.await(0, TimeUnit.MILLISECONDS);
    }

    /** Ends {@link #runUntilStopped} within a quarter of a second, or when the wave in progress has stopped. */
    public void stop() {
        stopped.countDown();
    }
}
