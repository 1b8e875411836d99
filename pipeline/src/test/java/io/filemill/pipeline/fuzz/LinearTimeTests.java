package io.filemill.pipeline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearTimeTests {

    private long sink;

    @Test
    void workQuadraticInItsInputIsJudgedFarOverTheBound() throws Exception {
        int small = 1_000;
        int large = 16_000; // sixteen times the input: quadratic work takes 256 times as long, 16 per unit
        double ratio = LinearTime.ratio(() -> quadratic(small), small, () -> quadratic(large), large, 4);
        assertThat(ratio).isGreaterThan(4);
    }

    private void quadratic(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum += i ^ j;
            }
        }
        sink += sum;
    }
}
