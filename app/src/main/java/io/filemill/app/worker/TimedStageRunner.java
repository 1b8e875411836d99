package io.filemill.app.worker;

import io.filemill.pipeline.stage.StageRunner;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Times every request of a stage runner, from hand-over to reply, whatever the runner's mode. */
final class TimedStageRunner<I, O> implements StageRunner<I, O> {

    private final StageRunner<I, O> runner;
    private final Timer latency;

    TimedStageRunner(StageRunner<I, O> runner, Timer latency) {
        this.runner = runner;
        this.latency = latency;
    }

    @Override
    public CompletableFuture<O> submit(I input) throws InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<O> reply = runner.submit(input);
        reply.whenComplete((value, error) -> latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        return reply;
    }

    @Override
    public void drain() {
        runner.drain();
    }

    @Override
    public void cancel() {
        runner.cancel();
    }

    @Override
    public void close() throws InterruptedException {
        runner.close();
    }
}
