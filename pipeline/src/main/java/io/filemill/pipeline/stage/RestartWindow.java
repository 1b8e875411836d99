package io.filemill.pipeline.stage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** Counts worker restarts within a sliding period. Not thread-safe: the pool calls it under its lock. */
final class RestartWindow {

    private final Duration period;
    private final Deque<Long> restarts = new ArrayDeque<>();

    RestartWindow(Duration period) {
        this.period = period;
    }

    /** Records a restart now; returns how many fall within the period, this one included. */
    int record() {
        long now = System.nanoTime();
        restarts.add(now);
        while (!restarts.isEmpty() && now - restarts.peekFirst() > period.toNanos()) {
            restarts.removeFirst();
        }
        return restarts.size();
    }
}
