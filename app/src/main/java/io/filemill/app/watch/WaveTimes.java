package io.filemill.app.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * When {@code filemill watch} next looks at its inbox: a change seen at time T makes the file ready
 * at T + min-age, so a look is due then (plus {@link #SETTLE}); a lost event makes one due at once;
 * and a rescan is due every {@code rescan} after the last look, whatever happened. Due times are
 * rounded up to {@link #SETTLE}, so a file written in many pieces adds a handful of entries, not one
 * per write: at most min-age / settle of them are ever pending.
 */
final class WaveTimes {

    /** How long after its min-age a changed file is looked at: room for the last write's event. */
    static final Duration SETTLE = Duration.ofMillis(100);

    private final Duration minAge;
    private final Duration rescan;
    private final NavigableSet<Instant> due = new TreeSet<>();
    private Instant lastLook;

    /** Due at {@code start}: the files already in the inbox are looked at first. */
    WaveTimes(Duration minAge, Duration rescan, Instant start) {
        this.minAge = minAge;
        this.rescan = rescan;
        this.lastLook = start.minus(rescan);
        due.add(start);
    }

    /** A file changed at {@code at}: it is ready once it has stayed so for min-age. */
    void changed(Instant at) {
        due.add(roundUp(at.plus(minAge).plus(SETTLE)));
    }

    /** Changes may have been lost at {@code at} (the event queue overflowed): look now, and again after min-age. */
    void lost(Instant at) {
        due.add(at);
        changed(at);
    }

    /** The next time a look is due. */
    Instant next() {
        Instant rescanDue = lastLook.plus(rescan);
        return due.isEmpty() || rescanDue.isBefore(due.first()) ? rescanDue : due.first();
    }

    boolean isDue(Instant now) {
        return !next().isAfter(now);
    }

    /** A look starts at {@code at}: everything due by then is covered by it. */
    void looking(Instant at) {
        lastLook = at;
        due.headSet(at, true).clear();
    }

    /** How many due times are pending (bounded: see the class comment). */
    int pending() {
        return due.size();
    }

    private static Instant roundUp(Instant at) {
        long step = SETTLE.toNanos();
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        long rounded = Math.floorDiv(nanos + step - 1, step) * step;
        return Instant.ofEpochSecond(Math.floorDiv(rounded, 1_000_000_000L), Math.floorMod(rounded, 1_000_000_000L));
    }
}
