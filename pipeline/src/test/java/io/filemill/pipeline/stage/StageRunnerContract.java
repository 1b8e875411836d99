package io.filemill.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.pipeline.task.EngineBugException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StageRunner} must have, whatever runs the stage. A runner under test
 * runs the stage "echo": it replies with its input upper-cased, fails on the input "boom", has an
 * engine bug on "bug", takes
 * N ms on "sleep:N" and never answers "hang" (until it is interrupted or its worker killed).
 */
public abstract class StageRunnerContract {

    /** A runner of the echo stage with the given number of workers. */
    protected abstract StageRunner<String, String> echoRunner(int workers) throws Exception;

    protected static String echo(String input) throws InterruptedException {
        if (input.equals("boom")) {
            throw new IllegalStateException("boom requested");
        }
        if (input.equals("bug")) {
            throw new EngineBugException(EngineBugException.PREFIX + "a bug requested");
        }
        if (input.startsWith("sleep:")) {
            Thread.sleep(Long.parseLong(input.substring("sleep:".length())));
        }
        if (input.equals("hang")) {
            Thread.sleep(Long.MAX_VALUE);
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
            reply = runner.submit("sleep:400"); // long enough that a close that did not wait returns first
        }
        assertThat(reply).isCompletedWithValue("SLEEP:400");
    }

    @Test
    void cancelEndsEveryUnansweredRequestPromptly() throws Exception {
        try (StageRunner<String, String> runner = echoRunner(1)) {
            assertThat(runner.submit("warm").get(30, TimeUnit.SECONDS)).isEqualTo("WARM");
            List<CompletableFuture<String>> replies = new ArrayList<>();
            replies.add(runner.submit("hang"));
            for (int i = 0; i < 3; i++) {
                replies.add(runner.submit("queued" + i));
            }
            long started = System.nanoTime();
            runner.cancel();
            for (CompletableFuture<String> reply : replies) {
                assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).isInstanceOfAny(ExecutionException.class,
                        java.util.concurrent.CancellationException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void afterDrainEveryRequestInFlightIsStillAnswered() throws Exception {
        try (StageRunner<String, String> runner = echoRunner(2)) {
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(runner.submit("sleep:50"));
            }
            runner.drain();
            for (CompletableFuture<String> reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS)).isEqualTo("SLEEP:50");
            }
        }
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

    @Test
    void anEngineBugReachesTheCallerAsAnEngineBugAndCostsNoOtherRequest() throws Exception {
        try (StageRunner<String, String> runner = echoRunner(1)) {
            CompletableFuture<String> bug = runner.submit("bug");
            CompletableFuture<String> good = runner.submit("fine");
            assertThatThrownBy(() -> bug.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(EngineBugException.class).hasMessage("filemill bug: a bug requested");
            assertThat(good.get(30, TimeUnit.SECONDS)).isEqualTo("FINE");
        }
    }
}
