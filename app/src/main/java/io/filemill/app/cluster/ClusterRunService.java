package io.filemill.app.cluster;

import io.filemill.app.config.FilemillProperties;
import io.filemill.app.config.RunSettings;
import io.filemill.app.job.RetitleJobFactory;
import io.filemill.app.job.RunResult;
import io.filemill.app.job.RunService;
import io.filemill.app.job.RunsAcrossMachines;
import io.filemill.app.report.RunProblems;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import io.filemill.app.stop.Shutdown;
import io.filemill.pipeline.concurrent.Threads;
import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * The manager side of a run across machines: lists the inbox into partition manifests, records
 * the run as a job whose manager step sends one request per partition to the broker, and follows
 * the partitions in the job repository until every one has ended (or {@code filemill.cluster.timeout}
 * passed). The job repository is the truth: nothing depends on replies. Call while holding the run
 * locks.
 */
public final class ClusterRunService implements RunsAcrossMachines {

    /** The worker step every partition runs, on whichever node takes it ({@code retitle-partition:partitionK}). */
    public static final String WORKER_STEP = "retitle-partition";
    /** The step that sends the partitions and follows them; its counts are their sums. */
    public static final String MANAGER_STEP = "retitle-manager";
    /** A partition's execution context: how many files its manifest lists. */
    public static final String FILES = InboxPartitioner.FILES;

    private static final Logger log = LoggerFactory.getLogger(ClusterRunService.class);
    /** How long nodes take to see a stop in the job repository (a partition records itself every second), and more. */
    private static final Duration NODES_NOTICE = Duration.ofSeconds(5);
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final FilemillProperties properties;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final MessageChannel requests;
    private final DataSource dataSource;
    private final RunReportWriter reports;

    /** A partition's name within its run ({@code partitionK}), from its step's name. */
    public static String partitionName(StepExecution partition) {
        return partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
    }

    /** The node that ran a partition last ({@code host:pid}), or "-" when no node took it. */
    public static String nodeOf(StepExecution partition) {
        var context = partition.getExecutionContext();
        return context.containsKey(PartitionTasklet.NODE) ? context.getString(PartitionTasklet.NODE) : "-";
    }

    ClusterRunService(FilemillProperties properties, JobRepository jobRepository, JobOperator jobOperator,
                      MessageChannel requests, DataSource dataSource, RunReportWriter reports) {
        this.reports = reports;
        this.dataSource = dataSource;
        this.properties = properties;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.requests = requests;
    }

    private void stop(PartitionSupervisor supervisor) {
        long id = supervisor.jobExecutionId();
        if (id < 0) {
            return; // not started: the stop is seen before the first request is sent
        }
        Threads.startDaemon("stop-run", () -> {
            try {
                jobOperator.stop(id);
                log.info("run {} stopping: its partitions stop on their nodes", id);
            } catch (Exception e) {
                log.warn("cannot stop run {}: {}", id, e.getMessage());
            }
        });
    }

    /** Runs the job across the nodes and prints its summary, a line per partition. */
    @Override
    public RunResult run(RunSettings settings, RunService.Request request) throws Exception {
        FilemillProperties.Cluster cluster = properties.cluster();
        UnsettledRuns unsettled = new UnsettledRuns(settings, jobRepository, jobOperator, dataSource, cluster.pollInterval());
        unsettled.settleAll(cluster.timeout()); // before the inbox is listed: no partition of theirs runs any more
        Instant started = Instant.now();
        LocalDateTime startedAt = LocalDateTime.ofInstant(started, ZoneId.systemDefault());
        String runName = RUN_NAME.format(startedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = PartitionDirectories.forRun(settings, runName);
        AtomicLong skipped = new AtomicLong();
        AtomicLong deferred = new AtomicLong();
        ScanListener counting = new ScanListener() {
            @Override
            public void skipped(Path path, String reason) {
                skipped.incrementAndGet();
                log.warn("skipped {}: {}", path, reason);
            }

            @Override
            public void deferred(Path path, String reason) {
                deferred.incrementAndGet();
            }
        };
        InboxPartitioner partitioner = new InboxPartitioner(new InboxScanner(settings.inbox(), settings.scan()),
                counting, settings.home(), dir);
        PartitionSupervisor supervisor = new PartitionSupervisor(dir, jobRepository, dataSource, requests,
                cluster.pollInterval(), cluster.nodeTimeout());
        // what RemotePartitioningManagerStepBuilder builds in polling mode, with a handler that also sends
        // again the partitions nodes hand back when they stop (the builder takes no handler of one's own)
        Step manager = new StepBuilder(MANAGER_STEP, jobRepository)
                .listener(supervisor)
                .partitioner(WORKER_STEP, partitioner)
                .partitionHandler(new HandedBackPartitions(jobRepository, dataSource, requests, cluster.partitions(),
                        cluster.pollInterval(), cluster.timeout(), cluster.nodeTimeout()))
                .gridSize(cluster.partitions())
                .build();
        Job job = new JobBuilder(RetitleJobFactory.JOB_NAME, jobRepository).start(manager).build();
        JobParameters parameters = new JobParametersBuilder()
                .addString("inbox", settings.inbox().toString())
                .addLocalDateTime("startedAt", startedAt)
                .addString("mode", "cluster", false)
                .addString("stages", cluster.partitions() + " partitions", false)
                .addString("manifests", settings.home().relativize(dir).toString(), false)
                .toJobParameters();
        log.info("run across machines: inbox {}, {} partitions, requests to queue {}", settings.inbox(),
                cluster.partitions(), cluster.queue());
        JobExecution execution;
        // SIGTERM: the job is stopped in the repository, where every node's partition sees it within a
        // second and stops as a run does; the run waits for that, then reports the run STOPPED
        try (AutoCloseable stopping = request.shutdown().register(Shutdown.Stoppable.stopping(() -> stop(supervisor)),
                settings.stopGrace().plus(NODES_NOTICE))) {
            execution = jobOperator.start(job, parameters);
        }
        List<StepExecution> partitions = execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith(WORKER_STEP))
                .sorted(Comparator.comparing(StepExecution::getStepName))
                .toList();
        // the manager's copy of each partition is as it was sent: read each one's end from the repository
        List<StepExecution> ended = partitions.stream()
                .map(step -> {
                    StepExecution stored = jobRepository.getStepExecution(step.getId());
                    return stored == null ? step : stored;
                })
                .toList();
        RunProblems problems = RunProblems.NONE;
        for (Path file : PartitionDirectories.problemsFiles(dir)) {
            problems = problems.and(reports.readProblems(file), RunProblems.KEPT);
        }
        RunReport report = ClusterReports.of(execution, ended, settings, started, Instant.now(), skipped.get(),
                deferred.get(), problems);
        request.out().print(ClusterSummary.render(report, reports.write(report, settings.reportDir())));
        if (!unsettled.settleEnded(dir)) {
            log.warn("run {}: partitions are still running on nodes; the next run across machines settles them",
                    execution.getId());
        }
        if (execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.ABANDONED) {
            request.err().println("filemill: run " + execution.getId() + " failed: " + report.error());
            return RunResult.FAILED;
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return RunResult.STOPPED;
        }
        boolean complete = ended.stream().allMatch(step -> step.getStatus() == BatchStatus.COMPLETED);
        return complete && report.failed() == 0 && report.left() == 0 ? RunResult.DELIVERED : RunResult.INCOMPLETE;
    }
}
