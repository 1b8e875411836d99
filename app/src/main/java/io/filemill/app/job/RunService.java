package io.filemill.app.job;

import io.filemill.app.config.FilemillProperties;
import io.filemill.app.config.RunSettings;
import io.filemill.app.report.Progress;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import io.filemill.app.report.SummaryTable;
import io.filemill.pipeline.deliver.Deliverer;
import io.filemill.pipeline.deliver.Recovery;
import io.filemill.pipeline.engine.Pipeline;
import io.filemill.pipeline.engine.PipelineStages;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.retitle.TitlePreview;
import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.stage.ThreadStageRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Service;

/**
 * Runs the retitle job once: checks the configuration, takes the run lock, finishes what an
 * interrupted run left, runs the pipeline as a Spring Batch job, and reports.
 */
@Service
public class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final FilemillProperties properties;
    private final RetitleJobFactory jobs;
    private final JobOperator jobOperator;
    private final RunReportWriter reports;

    RunService(FilemillProperties properties, RetitleJobFactory jobs, JobOperator jobOperator, RunReportWriter reports) {
        this.properties = properties;
        this.jobs = jobs;
        this.jobOperator = jobOperator;
        this.reports = reports;
    }

    /** What a run asks for beyond the configuration. */
    public record Request(boolean dryRun, boolean terminal, PrintStream out) {
    }

    /**
     * Runs once and returns the exit code: 0 all done, 1 finished with failed files, 2 the run failed.
     *
     * @throws io.filemill.app.config.ConfigurationProblem when the configuration cannot work
     * @throws LockHeldException when another run holds the lock
     */
    public int run(Request request) throws Exception {
        RunSettings settings = RunSettings.from(properties);
        if (request.dryRun()) {
            return preview(settings, request.out());
        }
        try (RunLock lock = RunLock.acquire(settings.home())) {
            Files.createDirectories(settings.journalDir());
            Recovery.Report recovered = Recovery.recover(settings.deliverySettings());
            if (recovered.foundAnything()) {
                log.info("finished an interrupted run: {} journals, {} originals removed, {} staged files deleted",
                        recovered.journals(), recovered.completed(), recovered.staleFiles());
            }
            return runJob(settings, request);
        }
    }

    private int runJob(RunSettings settings, Request request) throws Exception {
        RunRecorder recorder = new RunRecorder(settings.inbox());
        Pipeline pipeline = new Pipeline(new InboxScanner(settings.inbox(), settings.scan()), threadStages(settings),
                settings.delivery().batchSize());
        Job job = jobs.create(pipeline, recorder);
        Instant started = Instant.now();
        JobParameters parameters = new JobParametersBuilder()
                .addString("inbox", settings.inbox().toString())
                .addLocalDateTime("startedAt", LocalDateTime.ofInstant(started, ZoneId.systemDefault()))
                .addString("mode", "thread", false)
                .addLong("workers", (long) settings.workers(), false)
                .addString("durability", settings.delivery().durability().name().toLowerCase(), false)
                .toJobParameters();
        log.info("run started: inbox {}, {} workers, {} delivery", settings.inbox(), settings.workers(),
                settings.delivery().durability().name().toLowerCase());
        JobExecution execution;
        try (Progress progress = Progress.start("retitle", () -> recorder.counts().done(),
                () -> recorder.counts().taken(), request.terminal())) {
            execution = jobOperator.start(job, parameters);
        }
        Instant finished = Instant.now();
        RunReport report = report(execution, settings, recorder, started, finished);
        Path reportFile = reports.write(report, settings.reportDir());
        request.out().print(SummaryTable.render(report, reportFile));
        log.info("run {} finished: {} delivered ({} retitled, {} unchanged), {} failed in {} s", report.runId(),
                report.delivered(), report.retitled(), report.unchanged(), report.failed(),
                String.format("%.2f", report.wallSeconds()));
        if (execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.ABANDONED) {
            return 2;
        }
        return report.failed() > 0 ? 1 : 0;
    }

    private PipelineStages threadStages(RunSettings settings) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Retitler retitler = new Retitler(new RetitleSettings(settings.processed(), tag, settings.rules(),
                LocalDate.now(), settings.headBytes(), settings.delivery().durability().forces()));
        Deliverer deliverer = new Deliverer(settings.deliverySettings());
        int workers = settings.workers();
        return new PipelineStages(
                new ThreadStageRunner<>("retitle", retitler::retitle, workers, workers * 8),
                new ThreadStageRunner<>("deliver", deliverer::deliver, workers, 1));
    }

    private static RunReport report(JobExecution execution, RunSettings settings, RunRecorder recorder,
                                    Instant started, Instant finished) {
        RunRecorder.Counts counts = recorder.counts();
        double seconds = Duration.between(started, finished).toNanos() / 1e9;
        String error = execution.getAllFailureExceptions().stream().findFirst()
                .map(e -> e.getMessage() == null ? e.toString() : e.getMessage()).orElse(null);
        return new RunReport(execution.getId(), execution.getStatus().name(), "thread", settings.workers(),
                settings.delivery().durability().name().toLowerCase(), settings.inbox().toString(),
                settings.processed().toString(), settings.failed().toString(), started, finished, seconds,
                counts.taken(), counts.delivered(), counts.retitled(), counts.unchanged(), counts.failed(),
                counts.skipped(), counts.bytes(), seconds > 0 ? counts.done() / seconds : 0, error,
                recorder.failures(), recorder.skips());
    }

    /** Prints what a run would do to each title; touches no file. */
    private static int preview(RunSettings settings, PrintStream out) throws IOException, InterruptedException {
        Retitler retitler = new Retitler(new RetitleSettings(settings.processed(), "dry-run", settings.rules(),
                LocalDate.now(), settings.headBytes(), false));
        AtomicLong files = new AtomicLong();
        AtomicLong changes = new AtomicLong();
        new InboxScanner(settings.inbox(), settings.scan()).scan(task -> {
            files.incrementAndGet();
            TitlePreview preview = retitler.preview(task);
            if (preview.changes()) {
                changes.incrementAndGet();
            }
            out.println(describe(preview));
        }, (path, reason) -> out.println(settings.inbox().relativize(path) + ": skipped: " + reason),
                () -> false);
        out.printf("dry run: %d files, %d titles would change; nothing was touched%n", files.get(), changes.get());
        return 0;
    }

    private static String describe(TitlePreview preview) {
        String name = preview.task().relativeName();
        if (preview.problem() != null) {
            return name + ": would fail: " + preview.problem();
        }
        if (preview.oldTitle() == null) {
            return name + ": no title (" + preview.format() + "), delivered unchanged";
        }
        if (!preview.changes()) {
            return name + ": \"" + preview.oldTitle() + "\" stays";
        }
        return name + ": \"" + preview.oldTitle() + "\" -> \"" + preview.newTitle() + "\"";
    }
}
