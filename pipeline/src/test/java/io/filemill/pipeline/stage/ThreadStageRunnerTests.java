package io.filemill.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ThreadStageRunnerTests extends StageRunnerContract {

    @Override
    protected StageRunner<String, String> echoRunner(int workers) {
        return new ThreadStageRunner<>("echo", StageRunnerContract::echo, workers, 4);
    }

    @Test
    void submitBlocksWhileTheWindowIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadStageRunner<String, String> runner = new ThreadStageRunner<>("slow", input -> {
            release.await();
            return input;
        }, 1, 1);
        runner.submit("a");
        runner.submit("b");
        AtomicBoolean thirdAccepted = new AtomicBoolean();
        Thread submitter = new Thread(() -> {
            try {
                runner.submit("c");
                thirdAccepted.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        submitter.start();
        submitter.join(300);
        assertThat(thirdAccepted).as("third submit must wait for a free slot").isFalse();
        release.countDown();
        submitter.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thirdAccepted).isTrue();
        runner.close();
    }
}
