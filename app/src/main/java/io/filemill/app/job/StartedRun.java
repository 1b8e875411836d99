package io.filemill.app.job;

import io.filemill.app.config.RunSettings;
import io.filemill.app.report.Progress;
import io.filemill.app.report.RunProblems;
import io.filemill.app.stop.Shutdown;
import io.filemill.app.worker.StageRunners;
import io.filemill.pipeline.concurrent.Threads;
import io.filemill.pipeline.deliver.Recovery;
import io.filemill.pipeline.engine.Pipeline;
import io.filemill.pipeline.scan.ReadAhead;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.slf4j.LoggerFactory;

/**
 * A run under way before anything asks the job repository: the deliveries of interrupted runs
 * finished (their journals), the stages started, and the pipeline streaming files on a thread of
 * its own. {@code filemill run} starts one before Spring starts, so files are delivered while the
 * context and the job repository come up, and records it when they are ({@link RunService#record});
 * an inbox with nothing in it needs no record and no Spring at all ({@link #hasAnythingToRecord}).
 * {@code schedule} and {@code watch}, whose context is up, start one and record it at once.
 * Files are as safe before the run is recorded as after: every publish is journaled.
 */
public final class StartedRun implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StartedRun.class);

    /** How long a run waits for the workers of a dead run to halt (they do within a second). */
    private static final Duration ORPHAN_PATIENCE = Duration.ofSeconds(5);

    private final RunSettings settings;
    private final RunService.Request request;
    private final StageRunners runners;
    private final Recovery.Report recovered;
    private final RunRecorder recorder;
    private final Pipeline pipeline;
    private final Instant started;
    private final CompletableFuture<Long> finished;
    private final Progress progress;
    private final AutoCloseable stopping;
    private boolean closed;

    private StartedRun(RunSettings settings, RunService.Request request, StageRunners runners,
                       Recovery.Report recovered, RunRecorder recorder, Pipeline pipeline) {
        this.settings = settings;
        this.request = request;
        this.runners = runners;
        this.recovered = recovered;
        this.recorder = recorder;
        this.pipeline = pipeline;
        this.started = Instant.now();
        if (pipeline == null) {
            this.finished = CompletableFuture.completedFuture(0L);
            this.progress = null;
            this.stopping = () -> { };
            return;
        }
        this.stopping = request.shutdown().register(stopper(pipeline), settings.stopGrace());
        this.progress = RunProgress.start(recorder, settings, request.terminal() ? request.err() : null);
        this.finished = new CompletableFuture<>();
        log.info("run started: inbox {}, {}, {} delivery", settings.inbox(), RunReports.describeStages(settings),
                settings.delivery().durability().name().toLowerCase(Locale.ROOT));
        Threads.startDaemon("pipeline", () -> {
            try {
                finished.complete(pipeline.run(recorder));
            } catch (Throwable e) {
                finished.completeExceptionally(e);
            }
        });
    }

    /**
     * Starts a run of the inbox the settings name on {@code runners} (made for these settings).
     * Call while holding its run locks.
     *
     * @throws IOException when recovery or the stages cannot start; nothing was taken then
     */
    public static StartedRun start(RunSettings settings, StageRunners runners, RunService.Request request)
            throws IOException, InterruptedException {
        noUnsettledRunAcrossMachines(settings);
        return start(settings, runners, request, RunScope.wholeInbox(settings));
    }

    /**
     * A run across machines that did not settle (its manager died, or it timed out) may still have
     * partitions running on nodes, and always has journals only it knows how to finish: a run of
     * the whole inbox waits for the next run across machines to settle it.
     */
    private static void noUnsettledRunAcrossMachines(RunSettings settings) throws IOException {
        if (!Files.isDirectory(settings.partitionsDir())) {
            return;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(settings.partitionsDir())) {
            for (Path run : runs) {
                throw new IllegalStateException("run across machines " + settings.home().relativize(run) + " did not "
                        + "finish: its partitions may still be running on nodes; 'filemill run --partitions N' with the "
                        + "shared job repository settles it, then runs here may go on");
            }
        }
    }

    /**
     * Starts a run of what {@code scope} covers, on {@code runners} made for its worker lock; call
     * while holding what fences that scope (the run locks, or a partition's fence).
     *
     * @throws IOException when recovery or the stages cannot start; nothing was taken then
     */
    public static StartedRun start(RunSettings settings, StageRunners runners, RunService.Request request,
                                   RunScope scope) throws IOException, InterruptedException {
        // a worker of a dead run may still be publishing from a journal: recovery waits until none is left
        WorkerFence.awaitNoWorkers(scope.workerLock(), ORPHAN_PATIENCE);
        StartingStages stages = StartingStages.start(settings, runners, scope);
        Recovery.Report recovered;
        try {
            recovered = recoverDeliveries(settings, scope);
        } catch (IOException | RuntimeException | Error e) {
            stages.closeOnceStarted();
            throw e;
        }
        if (request.shutdown().requested()) {
            stages.closeOnceStarted(); // stopped before the first file: nothing was taken
            return new StartedRun(settings, request, runners, recovered, null, null);
        }
        Pipeline pipeline = new Pipeline(scope.files(), stages.await(), settings.delivery().batchSize(), scope.gate(),
                ReadAhead.of(settings.scan().readAhead(), settings.headBytes() + 1L));
        return new StartedRun(settings, request, runners, recovered, new RunRecorder(settings.inbox()), pipeline);
    }

    /** Completes the deliveries that the journals of interrupted runs show half done. */
    private static Recovery.Report recoverDeliveries(RunSettings settings, RunScope scope) throws IOException {
        Files.createDirectories(scope.journalDir());
        Recovery.Report recovered = Recovery.recover(settings.deliverySettings(scope.journalDir()), scope.ownedTagPrefix());
        if (recovered.foundAnything()) {
            log.info("finished an interrupted run: {} journals, {} originals removed, {} staged files deleted",
                    recovered.journals(), recovered.completed(), recovered.staleFiles());
        }
        if (recovered.refused() > 0) {
            log.warn("left {} journaled deliveries alone: their paths lie outside today's inbox, processed "
                    + "and failed directories; their journals stay in {}", recovered.refused(), scope.journalDir());
        }
        return recovered;
    }

    /**
     * Waits until the run has seen a file (taken, skipped or deferred), finished an interrupted
     * run's delivery, failed, or ended with nothing; says whether there is anything to record.
     * An empty inbox returns within the time its scan takes.
     */
    public boolean hasAnythingToRecord() throws InterruptedException {
        if (pipeline == null || recovered.foundAnything()) {
            return true;
        }
        try {
            CompletableFuture.anyOf(recorder.firstSeen(), finished).get();
        } catch (ExecutionException failed) {
            return true; // a failure is the run's to report
        }
        return recorder.sawAnything();
    }

    /**
     * A Spring Batch tasklet that follows this run to its end, adding its counts to the step it runs
     * in as it goes, once a second (a partition's step, on a node).
     */
    public StoppableTasklet follower() {
        if (pipeline == null) {
            throw new IllegalStateException("stopped before it started: nothing to follow");
        }
        return new PipelineTasklet(finished, pipeline, recorder);
    }

    /** The files of this run that failed, were left, skipped or deferred so far, with their reasons. */
    public RunProblems problems() {
        return recorder == null ? RunProblems.NONE
                : new RunProblems(recorder.failures(), recorder.lefts(), recorder.skips(), recorder.deferrals());
    }

    /** Whether a stop came before the pipeline started: nothing was taken. */
    public boolean stoppedBeforeItStarted() {
        return pipeline == null;
    }

    RunSettings settings() {
        return settings;
    }

    RunService.Request request() {
        return request;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    RunRecorder recorder() {
        return recorder;
    }

    StageRunners runners() {
        return runners;
    }

    Instant started() {
        return started;
    }

    /** The pipeline's end: the files it took, or why it failed. */
    CompletableFuture<Long> finished() {
        return finished;
    }

    /** Shows the progress display's last frame, with the run's rate. */
    void finishProgress(double rate) {
        if (progress != null) {
            progress.finish(recorder.counts().done(), rate);
        }
    }

    /**
     * Ends the run's part: a run that was not recorded to its end (the context could not start) takes
     * no more files, and those in flight get the stop grace period, then are given up on; then the
     * progress display and the stop registration close and the stages' workers are accounted for.
     * Safe to call more than once.
     */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!finished.isDone()) {
                pipeline.stop();
                awaitWithin(settings.stopGrace());
            }
            if (!finished.isDone()) {
                pipeline.abandonInFlight();
                awaitWithin(settings.stopGrace());
            }
        } finally {
            try {
                if (progress != null) {
                    progress.close();
                }
            } finally {
                stopping.close();
                runners.finished();
            }
        }
    }

    private void awaitWithin(Duration patience) throws InterruptedException {
        try {
            finished.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException endedOrStillGoing) {
            // failed: recorded by whoever reads it; still going: given up on next
        }
    }

    /**
     * On SIGTERM or Ctrl-C: take no more files and let the files in flight finish; after the grace
     * period give up on those still being retitled. Files not delivered stay in the inbox, and the
     * job records the run as STOPPED.
     */
    private static Shutdown.Stoppable stopper(Pipeline pipeline) {
        return new Shutdown.Stoppable() {
            @Override
            public void stop() {
                pipeline.stop();
            }

            @Override
            public void abandon() {
                pipeline.abandonInFlight();
            }
        };
    }
}
