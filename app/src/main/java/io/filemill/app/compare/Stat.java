package io.filemill.app.compare;

import java.util.List;

/** The median, minimum and maximum of one metric over the repeats of one configuration. */
public record Stat(double median, double min, double max, int samples) {

    /** Null when there are no values. */
    public static Stat of(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stat(median, sorted[0], sorted[n - 1], n);
    }
}
