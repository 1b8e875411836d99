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
import io.filemill.pipeline.engine.Pipeline;
import io.filemill.pipeline.engine.PipelineStages;
import io.filemill.pipeline.scan.InboxScanner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
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
            StartingStages stages = StartingStages.start(settings, runners);
            try {
                interruptedRuns.finish(settings);
            } catch (Exception | Error e) {
                stages.closeOnceStarted();
                throw e;
            }
            if (request.shutdown().requested()) {
                stages.closeOnceStarted(); // stopped before the first file: nothing was taken
                log.warn("stopped before the run started: no file was taken");
                return RunResult.STOPPED;
            }
            return runJob(settings, request, runners, stages.await());
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
                .addString("stages", RunReports.describeStages(settings), false)
                .addString("durability", settings.delivery().durability().name().toLowerCase(Locale.ROOT), false)
                .toJobParameters();
        log.info("run started: inbox {}, {}, {} delivery", settings.inbox(), RunReports.describeStages(settings),
                settings.delivery().durability().name().toLowerCase(Locale.ROOT));
        JobExecution execution;
        Instant finished;
        try (AutoCloseable stopping = request.shutdown().register(stopper(pipeline), settings.stopGrace())) {
            try (Progress progress = RunProgress.start(recorder, settings, request.terminal() ? request.err() : null)) {
                try {
                    execution = jobOperator.start(job, parameters);
                } finally {
                    runners.finished();
                }
                finished = Instant.now();
                recorder.accountForTheUnanswered();
                progress.finish(recorder.counts().done(), RunReports.rate(recorder.counts().done(), started, finished));
            }
            RunMeasurements measurements = RunMeasurements.measure(recorder.firstDelivered(), recorder.latency(),
                    runners.workerUsage(), runners.traffic());
            RunReport report = RunReports.of(execution, settings, recorder, started, finished, runners.workerStartupTimes(),
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
