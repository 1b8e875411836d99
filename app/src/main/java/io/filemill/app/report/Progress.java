package io.filemill.app.report;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress: a progress bar on stderr when it is a terminal, else a log line every
 * {@value #LOG_SECONDS} seconds. Polls a counter of finished files; adds nothing to the hot path.
 */
public final class Progress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    static final int LOG_SECONDS = 10;

    private final LongSupplier done;
    private final ScheduledExecutorService ticker;
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();

    private Progress(LongSupplier done, LongSupplier taken, ProgressBar bar) {
        this.done = done;
        this.bar = bar;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress");
            thread.setDaemon(true);
            return thread;
        });
        if (bar != null) {
            // the scan streams ahead of the workers, so the files taken so far are the best known total
            ticker.scheduleAtFixedRate(() -> bar.maxHint(taken.getAsLong()).stepTo(done.getAsLong()), 200, 200,
                    TimeUnit.MILLISECONDS);
        } else {
            ticker.scheduleAtFixedRate(this::logLine, LOG_SECONDS, LOG_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts showing progress; on a terminal when {@code terminal} is true.
     *
     * @param done  files that have their outcome
     * @param taken files taken from the inbox so far
     */
    public static Progress start(String task, LongSupplier done, LongSupplier taken, boolean terminal) {
        ProgressBar bar = terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(-1)
                .setUnit(" files", 1).showSpeed().setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
        return new Progress(done, taken, bar);
    }

    private void logLine() {
        long files = done.getAsLong();
        double seconds = Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
        log.info(String.format(Locale.ROOT, "progress: %d files done (%.0f files/s)", files, files / seconds));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (bar != null) {
            bar.stepTo(done.getAsLong());
            bar.close();
        }
    }
}
