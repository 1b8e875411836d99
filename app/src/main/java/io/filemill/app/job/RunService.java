package io.filemill.app.job;

import io.filemill.app.config.FilemillProperties;
import io.filemill.app.config.RunSettings;
import io.filemill.app.monitor.RunMetrics;
import io.filemill.app.report.Progress;
import io.filemill.app.report.RunMeasurements;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import io.filemill.app.report.SummaryTable;
import io.filemill.app.stop.Shutdown;
import io.filemill.app.worker.StageRunners;
import io.filemill.pipeline.deliver.Recovery;
import io.filemill.pipeline.engine.Pipeline;
import io.filemill.pipeline.engine.PipelineStages;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanListener;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Runs the retitle job once: checks the configuration, takes the run lock, finishes what an
 * interrupted run left, runs the pipeline as a Spring Batch job, and reports.
 */
@Service
public class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    /** How long a run waits for the workers of a dead run to halt (they do within a second). */
    private static final Duration ORPHAN_PATIENCE = Duration.ofSeconds(5);

    private final FilemillProperties properties;
    private final RetitleJobFactory jobs;
    private final JobOperator jobOperator;
    private final RunReportWriter reports;
    private final InterruptedRuns interruptedRuns;
    private final ObjectProvider<StateLock> processLock;
    private final RunMetrics metrics;

    RunService(FilemillProperties properties, RetitleJobFactory jobs, JobOperator jobOperator, RunReportWriter reports,
               InterruptedRuns interruptedRuns, ObjectProvider<StateLock> processLock, RunMetrics metrics) {
        this.processLock = processLock;
        this.metrics = metrics;
        this.properties = properties;
        this.jobs = jobs;
        this.jobOperator = jobOperator;
        this.reports = reports;
        this.interruptedRuns = interruptedRuns;
    }

    /** What a run asks for beyond the configuration; {@code shutdown} says when to stop. */
    public record Request(boolean terminal, PrintStream out, PrintStream err, Shutdown shutdown) {
    }

    /**
     * Runs once and says how it ended.
     *
     * @throws io.filemill.app.config.ConfigurationProblem when the configuration cannot work
     * @throws LockHeldException when another run holds the lock
     */
    public RunResult run(Request request) throws Exception {
        RunSettings settings = RunSettings.from(properties);
        // a process that holds the lock for its lifetime (StateLock) needs no second one per run
        try (RunLocks locks = processLock.getIfAvailable() != null ? null
                : RunLocks.acquire(settings.home(), settings.inbox())) {
            // a worker of a dead run may still be publishing from a journal: recovery waits until none is left
            WorkerFence.awaitNoWorkers(settings.workerLock(), ORPHAN_PATIENCE);
            StageRunners runners = new StageRunners(settings, metrics);
            // worker JVMs start while the job repository and recovery do their part; no file is touched
            // before the pipeline runs, so recovery's work is done by then
            CompletableFuture<PipelineStages> stages = startStages(settings, runners);
            try {
                for (long dead : interruptedRuns.markDead(settings.inbox())) {
                    log.warn("run {} did not finish (its process died); marked FAILED, finishing its files now", dead);
                }
                Files.createDirectories(settings.journalDir());
                Recovery.Report recovered = Recovery.recover(settings.deliverySettings());
                if (recovered.foundAnything()) {
                    log.info("finished an interrupted run: {} journals, {} originals removed, {} staged files deleted",
                            recovered.journals(), recovered.completed(), recovered.staleFiles());
                }
                if (recovered.refused() > 0) {
                    log.warn("left {} journaled deliveries alone: their paths lie outside today's inbox, processed "
                            + "and failed directories; their journals stay in {}", recovered.refused(),
                            settings.journalDir());
                }
            } catch (Exception | Error e) {
                closeOnceStarted(stages);
                throw e;
            }
            if (request.shutdown().requested()) {
                closeOnceStarted(stages); // stopped before the first file: nothing was taken
                log.warn("stopped before the run started: no file was taken");
                return RunResult.STOPPED;
            }
            return runJob(settings, request, runners, await(stages));
        }
    }

    /** Creates the stage runners (in process mode: starts the worker JVMs) on a thread of their own. */
    private static CompletableFuture<PipelineStages> startStages(RunSettings settings, StageRunners runners) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        RetitleSettings retitle = new RetitleSettings(settings.inbox(), settings.processed(), tag, settings.rules(), LocalDate.now(),
                settings.headBytes(), settings.processedOnAnotherFileSystem(), settings.fileTimeout());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return runners.create(retitle, settings.deliverySettings());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "start-stages");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static PipelineStages await(CompletableFuture<PipelineStages> stages) throws IOException {
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
    private static void closeOnceStarted(CompletableFuture<PipelineStages> stages) {
        try {
            PipelineStages started = await(stages);
            started.retitle().close();
            started.deliver().close();
        } catch (IOException | RuntimeException | InterruptedException failedToStartAnyway) {
            if (failedToStartAnyway instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RunResult runJob(RunSettings settings, Request request, StageRunners runners, PipelineStages stages)
            throws Exception {
        RunRecorder recorder = new RunRecorder(settings.inbox());
        Pipeline pipeline = new Pipeline(new InboxScanner(settings.inbox(), settings.scan()), stages,
                settings.delivery().batchSize());
        Job job = jobs.create(pipeline, recorder);
        Instant started = Instant.now();
        JobParameters parameters = new JobParametersBuilder()
                .addString("inbox", settings.inbox().toString())
                .addLocalDateTime("startedAt", LocalDateTime.ofInstant(started, ZoneId.systemDefault()))
                .addString("mode", settings.modeName(), false)
                .addString("stages", describeStages(settings), false)
                .addString("durability", settings.delivery().durability().name().toLowerCase(Locale.ROOT), false)
                .toJobParameters();
        log.info("run started: inbox {}, {}, {} delivery", settings.inbox(), describeStages(settings),
                settings.delivery().durability().name().toLowerCase(Locale.ROOT));
        JobExecution execution;
        Instant finished;
        try (AutoCloseable stopping = request.shutdown().register(stopper(pipeline), settings.stopGrace())) {
            try (Progress progress = Progress.start(counters(recorder), () -> countReady(settings),
                    request.terminal() ? request.err() : null)) {
                try {
                    execution = jobOperator.start(job, parameters);
                } finally {
                    runners.finished();
                }
                finished = Instant.now();
                recorder.accountForTheUnanswered();
                progress.finish(recorder.counts().done(), rate(recorder.counts().done(), started, finished));
            }
            RunMeasurements measurements = RunMeasurements.measure(recorder.firstDelivered(), recorder.latency(),
                    runners.workerUsage(), runners.traffic());
            RunReport report = report(execution, settings, recorder, started, finished, runners.workerStartupTimes(),
                    measurements);
            Path reportFile = reports.write(report, settings.reportDir());
            metrics.record(report);
            request.out().print(SummaryTable.render(report, reportFile));
            String deferrals = recorder.deferralSummary();
            if (deferrals != null) {
                log.info("run {}: {}", report.runId(), deferrals);
            }
            log.info("run {} finished: {} delivered ({} retitled, {} unchanged), {} failed in {} s", report.runId(),
                    report.delivered(), report.retitled(), report.unchanged(), report.failed(),
                    String.format(Locale.ROOT, "%.2f", report.wallSeconds()));
            if (execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.ABANDONED) {
                request.err().println("filemill: run " + report.runId() + " failed: " + report.error());
                return RunResult.FAILED;
            }
            if (pipeline.isStopRequested() && request.shutdown().requested()) {
                return RunResult.STOPPED;
            }
            return report.failed() > 0 || report.left() > 0 ? RunResult.INCOMPLETE : RunResult.DELIVERED;
        }
    }

    private static double seconds(Instant started, Instant finished) {
        return Duration.between(started, finished).toNanos() / 1e9;
    }

    /** Files done per second of the run: the summary's rate, and the progress bar's last. */
    private static double rate(long done, Instant started, Instant finished) {
        double seconds = seconds(started, finished);
        return seconds > 0 ? done / seconds : 0;
    }

    private static Progress.Counters counters(RunRecorder recorder) {
        return new Progress.Counters() {
            @Override
            public long taken() {
                return recorder.counts().taken();
            }

            @Override
            public long retitled() {
                return recorder.throughRetitle();
            }

            @Override
            public long done() {
                return recorder.counts().done();
            }
        };
    }

    /** The files a scan would take now, for the progress bar's total; streams, so memory stays flat. */
    private static long countReady(RunSettings settings) throws IOException, InterruptedException {
        long[] ready = {0};
        new InboxScanner(settings.inbox(), settings.scan()).scan(task -> ready[0]++, ScanListener.NONE, () -> false);
        return ready[0];
    }

    static String describeStages(RunSettings settings) {
        return "retitle " + settings.retitle().describe() + ", deliver " + settings.deliver().describe();
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

    private static RunReport report(JobExecution execution, RunSettings settings, RunRecorder recorder,
                                    Instant started, Instant finished, List<Duration> workerStartups,
                                    RunMeasurements measurements) {
        RunRecorder.Counts counts = recorder.counts();
        double seconds = seconds(started, finished);
        // a stopped job carries Spring Batch's "interrupted" exception: that is no error of the run's
        String error = execution.getStatus() == BatchStatus.STOPPED ? null : execution.getAllFailureExceptions().stream()
                .findFirst().map(e -> e.getMessage() == null ? e.toString() : e.getMessage()).orElse(null);
        long seen = counts.taken() + counts.skipped() + recorder.deferredCount();
        return new RunReport(execution.getId(), execution.getStatus().name(), settings.modeName(),
                describeStages(settings),
                settings.delivery().durability().name().toLowerCase(Locale.ROOT), settings.inbox().toString(),
                settings.processed().toString(), settings.failed().toString(), started, finished, seconds,
                seen, counts.taken(), counts.delivered(), counts.retitled(), counts.unchanged(), counts.failed(),
                counts.left(), counts.skipped(), recorder.deferredCount(), counts.bytes(),
                rate(counts.done(), started, finished), error,
                workerStartups.stream().map(Duration::toMillis).toList(), recorder.failures(), recorder.lefts(),
                recorder.skips(), recorder.deferrals(), measurements);
    }
}
