package io.filemill.app.job;

import io.filemill.pipeline.engine.Pipeline;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Follows a run of the pipeline as a Spring Batch step. The pipeline streams on its own threads; each call of
 * {@link #execute} waits up to a second, then adds what happened since the last call to the step's
 * counts (read = taken, write = delivered, process skips = failed; unchanged, left, skipped and bytes
 * in the step's execution context), so the job repository shows a running run's progress, one short transaction a second.
 */
final class PipelineTasklet implements StoppableTasklet {

    private static final long POLL_MILLIS = 1000;

    private final CompletableFuture<Long> run;
    private final Pipeline pipeline;
    private final RunRecorder recorder;
    private RunRecorder.Counts recorded = RunRecorder.Counts.ZERO;
    private boolean stopRecorded;

    /** Follows {@code run}, the run of {@code pipeline} that was started before the job (see {@link StartedRun}). */
    PipelineTasklet(CompletableFuture<Long> run, Pipeline pipeline, RunRecorder recorder) {
        this.run = run;
        this.pipeline = pipeline;
        this.recorder = recorder;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        boolean finished;
        try {
            run.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            finished = true;
        } catch (TimeoutException stillRunning) {
            finished = false;
        } catch (ExecutionException e) {
            record(contribution, chunkContext);
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        record(contribution, chunkContext);
        if (finished && pipeline.isStopRequested() && !stopRecorded) {
            // stopped (SIGTERM): let Spring Batch record the step and the job as STOPPED
            stopRecorded = true;
            chunkContext.getStepContext().getStepExecution().setTerminateOnly();
            return RepeatStatus.CONTINUABLE;
        }
        return finished ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    private void record(StepContribution contribution, ChunkContext chunkContext) {
        RunRecorder.Counts now = recorder.counts();
        RunRecorder.Counts delta = now.minus(recorded);
        recorded = now;
        for (long i = 0; i < delta.taken(); i++) {
            contribution.incrementReadCount();
        }
        contribution.incrementWriteCount(delta.delivered());
        contribution.incrementProcessSkipCount(delta.failed());
        ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        context.putLong("unchanged", now.unchanged());
        context.putLong("left", now.left());
        context.putLong("skipped", now.skipped());
        context.putLong("bytes", now.bytes());
    }

    @Override
    public void stop() {
        pipeline.stop();
    }
}
