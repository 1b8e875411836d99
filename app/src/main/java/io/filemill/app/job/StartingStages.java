package io.filemill.app.job;

import io.filemill.app.config.RunSettings;
import io.filemill.app.worker.StageRunners;
import io.filemill.pipeline.concurrent.Threads;
import io.filemill.pipeline.engine.PipelineStages;
import io.filemill.pipeline.retitle.RetitleSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A run's stage runners, being created on a thread of their own (in process mode: the worker JVMs
 * starting) while the job repository and recovery do their part; no file is touched before the
 * pipeline runs, so recovery's work is done by then.
 */
final class StartingStages {

    private final CompletableFuture<PipelineStages> stages;

    private StartingStages(CompletableFuture<PipelineStages> stages) {
        this.stages = stages;
    }

    static StartingStages start(RunSettings settings, StageRunners runners, RunScope scope) {
        RetitleSettings retitle = new RetitleSettings(settings.inbox(), settings.processed(), scope.stagingTag(), settings.rules(),
                LocalDate.now(), settings.headBytes(), settings.processedOnAnotherFileSystem(), settings.fileTimeout());
        return new StartingStages(CompletableFuture.supplyAsync(() -> {
            try {
                return runners.create(retitle, settings.deliverySettings(scope.journalDir()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> Threads.startDaemon("start-stages", task)));
    }

    /** The started stages; throws why they could not start. */
    PipelineStages await() throws IOException {
        try {
            return stages.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw cause instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** The run ends before its pipeline started: no worker may outlive it. */
    void closeOnceStarted() {
        try {
            PipelineStages started = await();
            started.retitle().close();
            started.deliver().close();
        } catch (IOException | RuntimeException | InterruptedException failedToStartAnyway) {
            if (failedToStartAnyway instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
