package io.filemill.app.job;

import io.filemill.app.config.FilemillProperties;
import io.filemill.app.config.RunSettings;
import io.filemill.app.monitor.RunMetrics;
import io.filemill.app.report.RunMeasurements;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import io.filemill.app.report.SummaryTable;
import io.filemill.app.stop.Shutdown;
import io.filemill.app.worker.StageRunners;
import io.filemill.pipeline.engine.Pipeline;
import java.io.PrintStream;
import java.nio.file.Path;
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
 * Runs the retitle job once: takes the run lock, starts the run ({@link StartedRun}: what
 * interrupted runs left is finished, the pipeline streams), records it as a Spring Batch job,
 * and reports. {@code filemill run} starts its run before Spring and hands it to {@link #record}.
 */
@Service
public class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final FilemillProperties properties;
    private final RetitleJobFactory jobs;
    private final JobOperator jobOperator;
    private final RunReportWriter reports;
    private final InterruptedRuns interruptedRuns;
    private final ObjectProvider<StateLock> processLock;
    private final RunMetrics metrics;
    private final ObjectProvider<RunsAcrossMachines> acrossMachines;

    RunService(FilemillProperties properties, RetitleJobFactory jobs, JobOperator jobOperator, RunReportWriter reports,
               InterruptedRuns interruptedRuns, ObjectProvider<StateLock> processLock, RunMetrics metrics,
               ObjectProvider<RunsAcrossMachines> acrossMachines) {
        this.acrossMachines = acrossMachines;
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
     * Runs once and says how it ended: here, or across machines when {@code filemill.cluster.partitions}
     * is set and the application knows how ({@link RunsAcrossMachines}).
     *
     * @throws io.filemill.app.config.ConfigurationProblem when the configuration cannot work
     * @throws LockHeldException when another run holds the lock
     */
    public RunResult run(Request request) throws Exception {
        RunSettings settings = RunSettings.from(properties);
        RunsAcrossMachines cluster = acrossMachines.getIfAvailable();
        if (properties.cluster().partitions() > 0 && cluster != null) {
            return cluster.run(settings, request); // schedule and watch hold the locks for their life
        }
        // a process that holds the lock for its lifetime (StateLock) needs no second one per run
        try (RunLocks locks = processLock.getIfAvailable() != null ? null
                : RunLocks.acquire(settings.home(), settings.inbox())) {
            return record(StartedRun.start(settings, new StageRunners(settings, metrics), request));
        }
    }

    /**
     * Records a started run as a job of the job repository, follows it to its end, reports it, and
     * closes it. Call while holding the run's locks.
     */
    public RunResult record(StartedRun run) throws Exception {
        try (run) {
            interruptedRuns.markDead(run.settings().inbox());
            if (run.stoppedBeforeItStarted()) {
                log.warn("stopped before the run started: no file was taken");
                return RunResult.STOPPED;
            }
            RecordedRunMarker.mark(run.settings().home());
            RunResult result = runJob(run);
            RecordedRunMarker.clear(run.settings().home());
            return result;
        }
    }

    private RunResult runJob(StartedRun run) throws Exception {
        RunSettings settings = run.settings();
        Request request = run.request();
        RunRecorder recorder = run.recorder();
        Pipeline pipeline = run.pipeline();
        Job job = jobs.create(run.finished(), pipeline, recorder);
        Instant started = run.started();
        JobParameters parameters = new JobParametersBuilder()
                .addString("inbox", settings.inbox().toString())
                .addLocalDateTime("startedAt", LocalDateTime.ofInstant(started, ZoneId.systemDefault()))
                .addString("mode", settings.modeName(), false)
                .addString("stages", RunReports.describeStages(settings), false)
                .addString("durability", settings.delivery().durability().name().toLowerCase(Locale.ROOT), false)
                .toJobParameters();
        JobExecution execution;
        Instant finished;
        try {
            execution = jobOperator.start(job, parameters);
            finished = Instant.now();
            recorder.accountForTheUnanswered();
            run.finishProgress(RunReports.rate(recorder.counts().done(), started, finished));
        } finally {
            run.close();
        }
        StageRunners runners = run.runners();
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
