package io.filemill.pipeline.fuzz;

/**
 * Judges whether work grows linearly with its input, for the fuzzers that hunt slow inputs: the
 * time per unit of input at a large size over the time per unit at a small one, each the fastest of
 * several runs taken in turn (small, large, small, ...), so that the compiler at work under the
 * first runs of either size skews neither. A ratio over the bound is measured once more with more
 * runs before it counts: a slow first look is usually the JIT compiling, and work quadratic in the
 * input stays slow however often it runs.
 */
final class LinearTime {

    /** Work whose time is measured; it may throw, which fails the fuzz test. */
    interface Work {
        void run() throws Exception;
    }

    private static final int RUNS = 3;
    private static final int CONFIRMING_RUNS = 8;

    private LinearTime() {
    }

    /** The fastest of {@code runs} runs of {@code work}, in nanoseconds. */
    static long fastest(Work work, int runs) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - started);
        }
        return best;
    }

    /**
     * Time per unit at {@code largeSize} over time per unit at {@code smallSize}; over
     * {@code bound} only when a second, longer measurement says so too.
     */
    static double ratio(Work small, int smallSize, Work large, int largeSize, double bound) throws Exception {
        double ratio = measure(small, smallSize, large, largeSize, RUNS);
        return ratio <= bound ? ratio : measure(small, smallSize, large, largeSize, CONFIRMING_RUNS);
    }

    private static double measure(Work small, int smallSize, Work large, int largeSize, int runs) throws Exception {
        long smallNanos = Long.MAX_VALUE;
        long largeNanos = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            smallNanos = Math.min(smallNanos, fastest(small, 1));
            largeNanos = Math.min(largeNanos, fastest(large, 1));
        }
        return ((double) largeNanos / largeSize) / ((double) Math.max(1, smallNanos) / smallSize);
    }
}
