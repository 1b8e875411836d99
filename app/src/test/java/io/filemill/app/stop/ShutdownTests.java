package io.filemill.app.stop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one owner of shutdown: stop at the first signal, abandon after the grace or at the second. */
class ShutdownTests {

    private final Shutdown shutdown = Shutdown.manual(new PrintStream(new ByteArrayOutputStream()));

    /** Counts stops and signals each abandon. */
    private static final class Recorder implements Shutdown.Stoppable {
        final AtomicInteger stops = new AtomicInteger();
        final CountDownLatch abandoned = new CountDownLatch(1);
        volatile long abandonedAt;

        @Override
        public void stop() {
            stops.incrementAndGet();
        }

        @Override
        public void abandon() {
            abandonedAt = System.nanoTime();
            abandoned.countDown();
        }
    }

    @Test
    void theFirstSignalStopsAtOnceAndAbandonsWhenTheGraceIsOver() throws Exception {
        Recorder run = new Recorder();
        shutdown.register(run, Duration.ofMillis(400));
        long signalled = System.nanoTime();
        shutdown.request("TERM");
        assertThat(run.stops).hasValue(1);
        assertThat(run.abandoned.getCount()).as("the grace has only begun").isOne();
        assertThat(run.abandoned.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(run.abandonedAt - signalled)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(shutdown.exitCode()).isEqualTo(143);
    }

    @Test
    void aSecondSignalAbandonsAtOnce() throws Exception {
        Recorder run = new Recorder();
        shutdown.register(run, Duration.ofMinutes(10));
        shutdown.request("INT");
        shutdown.request("INT");
        assertThat(run.abandoned.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(shutdown.exitCode()).isEqualTo(130);
    }

    @Test
    void whatRegistersAfterTheSignalIsStoppedAtOnce() throws Exception {
        shutdown.request("TERM");
        Recorder late = new Recorder();
        shutdown.register(late, Duration.ofMillis(100));
        assertThat(late.stops).hasValue(1);
        assertThat(late.abandoned.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClosedRegistrationIsNeitherStoppedNorAbandoned() throws Exception {
        Recorder finished = new Recorder();
        Recorder running = new Recorder();
        shutdown.register(finished, Duration.ofMillis(50)).close();
        shutdown.register(running, Duration.ofMillis(100));
        shutdown.request("TERM");
        // the timer runs in order of time: once the later abandon ran, the earlier one had its turn
        assertThat(running.abandoned.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(finished.stops).hasValue(0);
        assertThat(finished.abandoned.getCount()).isOne();
        assertThat(shutdown.requested()).isTrue();
    }
}
