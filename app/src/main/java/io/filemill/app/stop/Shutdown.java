package io.filemill.app.stop;

import io.filemill.pipeline.concurrent.Threads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The one owner of shutdown. SIGINT (Ctrl-C) and SIGTERM become an orderly stop: whatever is
 * registered stops taking work at once, and what it has in flight gets its grace period; when that
 * ends (or at a second Ctrl-C) the rest is abandoned, left for a later run. Should the process
 * still be up {@value #HARD_MARGIN_SECONDS} s after that, it halts: no stop can hang. No JVM
 * shutdown hook is involved; a stopped command returns normally and reports what it did.
 */
public final class Shutdown {

    /** What can be stopped: a run in progress, a scheduler. */
    public interface Stoppable {
        /** Take no more work; let the work in flight finish. Must return at once. */
        void stop();

        /** The grace period is over: give up the work in flight, leaving nothing half done. */
        void abandon();

        /** Work that only needs to be told to stop, with nothing in flight of its own to give up. */
        static Stoppable stopping(Runnable stop) {
            return new Stoppable() {
                @Override
                public void stop() {
                    stop.run();
                }

                @Override
                public void abandon() {
                    // nothing of its own in flight: a run it started has its own registration
                }
            };
        }
    }

    /** How long after abandoning a stop may take before the process halts. */
    static final long HARD_MARGIN_SECONDS = 15;

    private static final Map<String, Integer> SIGNAL_NUMBERS = Map.of("INT", 2, "TERM", 15);

    private final PrintStream err;
    private final IntConsumer halt;
    private final List<Registration> registered = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("stop-timer"));
    private volatile String signal;
    private volatile long requestedAt;

    Shutdown(PrintStream err, IntConsumer halt) {
        this.err = err;
        this.halt = halt;
    }

    /** A shutdown that SIGINT and SIGTERM start; for the process's main only. */
    public static Shutdown onSignals(PrintStream err) {
        Shutdown shutdown = new Shutdown(err, code -> Runtime.getRuntime().halt(code));
        for (String name : SIGNAL_NUMBERS.keySet()) {
            Signal.handle(new Signal(name), received -> shutdown.request(received.getName()));
        }
        return shutdown;
    }

    /** A shutdown that only {@link #request} starts: for commands run inside another program or a test. */
    public static Shutdown manual(PrintStream err) {
        return new Shutdown(err, code -> {
            throw new IllegalStateException("a stop took longer than its grace period and "
                    + HARD_MARGIN_SECONDS + " s more");
        });
    }

    /**
     * Registers something to stop; if a stop was requested already, it is stopped now. Close the
     * registration when the thing is done.
     */
    public AutoCloseable register(Stoppable stoppable, Duration grace) {
        Registration registration = new Registration(stoppable, grace);
        registered.add(registration);
        if (requested()) {
            stoppable.stop();
            long elapsed = System.nanoTime() - requestedAt;
            timer.schedule(registration::abandon, Math.max(0, grace.toNanos() - elapsed), TimeUnit.NANOSECONDS);
        }
        return () -> {
            registration.closed = true;
            registered.remove(registration);
        };
    }

    /**
     * What a signal does: the first stops, with each registered thing's grace; the second abandons
     * at once; the third halts.
     */
    public void request(String signalName) {
        int count = requests.incrementAndGet();
        if (count == 1) {
            signal = signalName;
            requestedAt = System.nanoTime();
            long graceNanos = 0;
            for (Registration registration : registered) {
                graceNanos = Math.max(graceNanos, registration.grace.toNanos());
                registration.stoppable.stop();
                timer.schedule(registration::abandon, registration.grace.toNanos(), TimeUnit.NANOSECONDS);
            }
            say("stop requested (SIG" + signalName + "): " + (graceNanos == 0 ? "no file is in flight"
                    : "files in flight get up to " + TimeUnit.NANOSECONDS.toSeconds(graceNanos) + " s to finish, the "
                    + "rest stays in the inbox; Ctrl-C again stops at once"));
            timer.schedule(this::haltNow, graceNanos + TimeUnit.SECONDS.toNanos(HARD_MARGIN_SECONDS), TimeUnit.NANOSECONDS);
        } else if (count == 2) {
            say("stopping at once: files in flight stay in the inbox");
            registered.forEach(Registration::abandon);
            timer.schedule(this::haltNow, HARD_MARGIN_SECONDS, TimeUnit.SECONDS);
        } else {
            haltNow();
        }
    }

    /** Whether a stop was requested. */
    public boolean requested() {
        return requests.get() > 0;
    }

    /** The signal that requested the stop ({@code INT}, {@code TERM}), or null. */
    public String signal() {
        return signal;
    }

    /** The exit code of a command a signal stopped: 128 plus the signal's number, as shells report it. */
    public int exitCode() {
        return 128 + SIGNAL_NUMBERS.getOrDefault(signal, 15);
    }

    private void haltNow() {
        say("the stop did not finish in time; halting (a later run finishes what this one left)");
        err.flush();
        halt.accept(exitCode());
    }

    /**
     * Said once, by the logger, whose lines go to stderr. The logger is looked up only here: every
     * command makes its Shutdown first, and logging is set up later, from the command's configuration.
     */
    private void say(String message) {
        LoggerFactory.getLogger(Shutdown.class).warn(message);
        err.flush();
    }

    private static final class Registration {
        final Stoppable stoppable;
        final Duration grace;
        private final AtomicInteger abandoned = new AtomicInteger();
        volatile boolean closed;

        Registration(Stoppable stoppable, Duration grace) {
            this.stoppable = stoppable;
            this.grace = grace;
        }

        void abandon() {
            if (!closed && abandoned.getAndIncrement() == 0) {
                stoppable.abandon();
            }
        }
    }
}
