package io.filemill.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StageRunner} must have, whatever runs the stage. A runner under test
 * runs the stage "echo": it replies with its input upper-cased, and fails on the input "boom".
 */
public abstract class StageRunnerContract {

    /** A runner of the echo stage with the given number of workers. */
    protected abstract StageRunner<String, String> echoRunner(int workers) throws Exception;

    protected static String echo(String input) {
        if (input.equals("boom")) {
            throw new IllegalStateException("boom requested");
        }
        return input.toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void repliesToEveryRequest() throws Exception {
        List<CompletableFuture<String>> replies = new ArrayList<>();
        try (StageRunner<String, String> runner = echoRunner(2)) {
            for (int i = 0; i < 500; i++) {
                replies.add(runner.submit("item" + i));
            }
        }
        for (int i = 0; i < 500; i++) {
            assertThat(replies.get(i)).isCompletedWithValue("ITEM" + i);
        }
    }

    @Test
    void closeWaitsForRequestsInFlight() throws Exception {
        CompletableFuture<String> reply;
        try (StageRunner<String, String> runner = echoRunner(1)) {
            reply = runner.submit("last");
        }
        assertThat(reply).isDone();
    }

    @Test
    void stageFailureFailsOnlyThatRequest() throws Exception {
        try (StageRunner<String, String> runner = echoRunner(1)) {
            CompletableFuture<String> bad = runner.submit("boom");
            CompletableFuture<String> good = runner.submit("fine");
            assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("boom requested");
            assertThat(good.get(30, TimeUnit.SECONDS)).isEqualTo("FINE");
        }
    }
}
