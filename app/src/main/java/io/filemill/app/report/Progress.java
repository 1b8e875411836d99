package io.filemill.app.report;

import io.filemill.pipeline.concurrent.Threads;
import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DefaultProgressBarRenderer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress: a progress bar on a terminal, else a log line every {@value #LOG_SECONDS}
 * seconds. Polls the run's counters; adds nothing to the hot path.
 *
 * <p>The bar's total is the number of ready files, counted by a scan of its own at the start (the
 * run's scan streams and stays just ahead of the workers, so the files taken so far are no total);
 * until that count is in, the bar says so and shows no percentage or ETA. It shows both stages, a
 * rate smoothed over the last seconds ({@link SmoothedRate}) and the ETA that rate gives, at a fixed
 * width; its last frame shows the rate the summary gives ({@link #finish}).
 *
 * <p>The library draws the bar on a thread of its own; each frame is drawn under the lock that
 * guards the bar's state, so no frame mixes two states (one such frame was a few columns short).
 */
public final class Progress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    static final int LOG_SECONDS = 10;
    /** Columns of the bar's line (fewer on a narrower terminal). */
    static final int WIDTH = 120;
    private static final Duration TICK = Duration.ofMillis(200);

    /** What the progress follows; each call reads the run's live counters. */
    public interface Counters {
        /** Files taken from the inbox. */
        long taken();

        /** Files out of the retitle stage. */
        long retitled();

        /** Files with their outcome: delivered, failed or left. */
        long done();
    }

    private final Counters counters;
    private final ScheduledExecutorService ticker;
    private final ProgressBar bar;
    private final SmoothedRate rate = new SmoothedRate(Duration.ofSeconds(3));
    private final AtomicLong total = new AtomicLong(-1);
    /** Guards the bar's state and {@link #finished}; held while a frame is set and while one is drawn. */
    private final Object state = new Object();
    private boolean finished;

    private Progress(Counters counters, Callable<Long> countReady, PrintStream terminal, Duration tick) {
        this.counters = counters;
        this.ticker = Executors.newScheduledThreadPool(2, Threads.daemon("progress")); // frames, and the count beside them
        if (terminal != null) {
            bar = new ProgressBarBuilder().setTaskName("done").setInitialMax(-1)
                    .setUpdateIntervalMillis((int) tick.toMillis())
                    // redrawn every tick, not only when files are done: a total just counted, and the
                    // retitle stage's count, show while the files done stand still (a slow file)
                    .continuousUpdate().setRenderer(drawnUnder(state, this::eta))
                    .setConsumer(new ConsoleProgressBarConsumer(terminal, WIDTH)).build();
            ticker.execute(() -> count(countReady));
            ticker.scheduleAtFixedRate(this::frame, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            bar = null;
            ticker.scheduleAtFixedRate(this::logLine, LOG_SECONDS, LOG_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts showing progress: a bar on {@code terminal}, or log lines when it is null.
     *
     * @param countReady counts the files that are ready in the inbox now, for the bar's total
     */
    public static Progress start(Counters counters, Callable<Long> countReady, PrintStream terminal) {
        return start(counters, countReady, terminal, TICK);
    }

    /** As {@link #start(Counters, Callable, PrintStream)}, with a frame every {@code tick}. */
    static Progress start(Counters counters, Callable<Long> countReady, PrintStream terminal, Duration tick) {
        return new Progress(counters, countReady, terminal, tick);
    }

    private void count(Callable<Long> countReady) {
        try {
            total.set(countReady.call());
        } catch (Exception uncounted) {
            log.debug("could not count the ready files; the progress bar shows no total", uncounted);
        }
    }

    /** The library's renderer, drawing while it holds {@code lock}. */
    private static ProgressBarRenderer drawnUnder(Object lock, Function<ProgressState, Optional<Duration>> eta) {
        return new DefaultProgressBarRenderer(ProgressBarStyle.COLORFUL_UNICODE_BLOCK, "", 1, false, null,
                ChronoUnit.SECONDS, true, eta) {
            @Override
            public String render(ProgressState progress, int maxLength) {
                synchronized (lock) {
                    return super.render(progress, maxLength);
                }
            }
        };
    }

    private void frame() {
        synchronized (state) {
            if (finished) {
                return;
            }
            long done = counters.done();
            double perSecond = rate.update(System.nanoTime(), done);
            long known = total.get();
            // files that became ready after the count are taken too: the total is never below what was taken
            bar.maxHint(known < 0 ? -1 : Math.max(known, counters.taken()));
            bar.setExtraMessage(extra(known >= 0, counters.retitled(), perSecond));
            bar.stepTo(done);
        }
    }

    /**
     * The part after the bar: the retitle stage's count (the bar's own count is the files done,
     * through the deliver stage) and the rate; the bar takes the rest of the line's fixed width.
     */
    static String extra(boolean totalKnown, long retitled, double perSecond) {
        return String.format(Locale.ROOT, "%sretitled %7d, %7.1f files/s", totalKnown ? "" : "counting the total; ",
                retitled, perSecond);
    }

    private Optional<Duration> eta(ProgressState state) {
        return state.isIndefinite() ? Optional.empty() : eta(state.getMax(), state.getCurrent(), rate.current());
    }

    /** The time the files left take at the given rate; none while there is no total or no rate. */
    static Optional<Duration> eta(long total, long done, double perSecond) {
        if (total <= 0 || perSecond <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(Math.max(0, total - done) / perSecond * 1000)));
    }

    private void logLine() {
        long done = counters.done();
        double perSecond = rate.update(System.nanoTime(), done);
        log.info(String.format(Locale.ROOT, "progress: %d files done, %d retitled, %d taken (%.0f files/s)", done,
                counters.retitled(), counters.taken(), perSecond));
    }

    /**
     * The run is over: the last frame shows every file done and the rate of the run's summary, so the
     * two agree. Then the bar ends with a line break.
     */
    public void finish(long done, double filesPerSecond) {
        synchronized (state) {
            if (bar != null && !finished) {
                bar.maxHint(done);
                bar.setExtraMessage(extra(true, counters.retitled(), filesPerSecond));
                bar.stepTo(done);
            }
        }
        close();
    }

    @Override
    public void close() {
        synchronized (state) {
            if (finished) {
                return;
            }
            finished = true;
            ticker.shutdownNow();
        }
        if (bar != null) {
            bar.close(); // draws the last frame on the library's thread, so not under the lock it takes
        }
    }
}
