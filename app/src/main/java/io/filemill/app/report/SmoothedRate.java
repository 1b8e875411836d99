package io.filemill.app.report;

import java.time.Duration;

/**
 * A rate of files per second, smoothed exponentially over a time constant, so that a progress bar's
 * rate and ETA follow the recent pace without jumping at every tick. Not thread-safe.
 */
final class SmoothedRate {

    private final double tauNanos;
    private long lastNanos = Long.MIN_VALUE;
    private long lastCount;
    private volatile double perSecond;
    private boolean measured;

    SmoothedRate(Duration timeConstant) {
        this.tauNanos = timeConstant.toNanos();
    }

    /** Takes the count at {@code nanos} (a {@link System#nanoTime()}) and returns the smoothed rate. */
    double update(long nanos, long count) {
        if (lastNanos == Long.MIN_VALUE) {
            lastNanos = nanos;
            lastCount = count;
            return perSecond;
        }
        long elapsed = nanos - lastNanos;
        if (elapsed <= 0) {
            return perSecond;
        }
        double instant = (count - lastCount) * 1e9 / elapsed;
        double weight = 1 - Math.exp(-elapsed / tauNanos);
        // the first interval sets the rate; later ones move it by their share of the time constant
        perSecond = measured ? perSecond + weight * (instant - perSecond) : instant;
        measured = true;
        lastNanos = nanos;
        lastCount = count;
        return perSecond;
    }

    double current() {
        return perSecond;
    }
}
