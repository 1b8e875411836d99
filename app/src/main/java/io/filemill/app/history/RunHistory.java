package io.filemill.app.history;

import io.filemill.app.cluster.ClusterRunService;
import io.filemill.app.job.RetitleJobFactory;
import io.filemill.app.report.RunReport;
import io.filemill.app.report.RunReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

/** Past runs, from the job repository (counts, status) and the run reports (each failed file). */
@Service
public class RunHistory {

    private final JobRepository jobRepository;
    private final RunReportWriter reports;

    RunHistory(JobRepository jobRepository, RunReportWriter reports) {
        this.jobRepository = jobRepository;
        this.reports = reports;
    }

    /**
     * One past run as the job repository recorded it. {@code delivered} counts every file now in
     * processed/ ({@code retitled} plus {@code unchanged}).
     */
    public record PastRun(long id, LocalDateTime started, Duration duration, String status, String exitDescription,
                          String inbox, String mode, String stages, long taken, long retitled, long unchanged,
                          long failed, long left, double filesPerSecond, List<Partition> partitions) {

        public PastRun {
            partitions = List.copyOf(partitions);
        }

        public long delivered() {
            return retitled + unchanged;
        }

        /** The same run with the rate its report gives (the summary's), which the repository's times only approximate. */
        public PastRun withRate(double filesPerSecond) {
            return new PastRun(id, started, duration, status, exitDescription, inbox, mode, stages, taken, retitled,
                    unchanged, failed, left, filesPerSecond, partitions);
        }
    }

    /**
     * One partition of a run across machines, as the node that ran it recorded it: its name, the
     * node ({@code host:pid}, or "-" when no node took it), its manifest's file count, what became of
     * them, its time and its status.
     */
    public record Partition(String name, String node, long files, long delivered, long failed, long left,
                            Duration duration, String status) {
    }

    /** The newest runs first. */
    public List<PastRun> latest(int limit) {
        List<PastRun> runs = new ArrayList<>();
        for (JobInstance instance : jobRepository.getJobInstances(RetitleJobFactory.JOB_NAME, 0, limit)) {
            for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
                runs.add(describe(execution));
            }
        }
        runs.sort(Comparator.comparingLong(PastRun::id).reversed());
        return runs.size() > limit ? runs.subList(0, limit) : runs;
    }

    public Optional<PastRun> find(long id) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(id);
        } catch (EmptyResultDataAccessException noSuchRun) {
            return Optional.empty();
        }
        return execution == null || !RetitleJobFactory.JOB_NAME.equals(execution.getJobInstance().getJobName()) ? Optional.empty()
                : Optional.of(describe(execution));
    }

    /** The report a run wrote when it finished, if it did. */
    public Optional<RunReport> report(long id, Path reportDir) throws IOException {
        Path file = reportDir.resolve("run-" + id + ".json");
        return Files.isRegularFile(file) ? Optional.of(reports.read(file)) : Optional.empty();
    }

    private static PastRun describe(JobExecution execution) {
        long taken = 0;
        long written = 0;
        long unchanged = 0;
        long failed = 0;
        long left = 0;
        List<Partition> partitions = new ArrayList<>();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().equals(ClusterRunService.MANAGER_STEP)) {
                continue; // the sum of its partitions, which are counted themselves
            }
            if (step.getStepName().startsWith(ClusterRunService.WORKER_STEP + ":")) {
                partitions.add(partition(step));
            }
            left += step.getExecutionContext().getLong("left", 0L);
            taken += step.getReadCount();
            written += step.getWriteCount();
            failed += step.getProcessSkipCount();
            unchanged += step.getExecutionContext().getLong("unchanged", 0L);
        }
        var parameters = execution.getJobParameters();
        LocalDateTime start = execution.getStartTime();
        // a run's files start before its job is recorded (see StartedRun): its duration counts from its own start
        LocalDateTime startedAt = parameters.getLocalDateTime("startedAt");
        LocalDateTime from = startedAt != null && start != null && startedAt.isBefore(start) ? startedAt : start;
        Duration duration = from == null ? Duration.ZERO
                : Duration.between(from, execution.getEndTime() == null ? LocalDateTime.now() : execution.getEndTime());
        double seconds = duration.toNanos() / 1e9;
        return new PastRun(execution.getId(), start, duration, execution.getStatus().name(),
                execution.getExitStatus().getExitDescription(), parameters.getString("inbox", ""),
                parameters.getString("mode", "thread"), parameters.getString("stages", ""), taken,
                written - unchanged, unchanged, failed, left, seconds > 0 ? (written + failed + left) / seconds : 0,
                partitions.stream().sorted(Comparator.comparing(Partition::name)).toList());
    }

    private static Partition partition(StepExecution step) {
        var context = step.getExecutionContext();
        Duration duration = step.getStartTime() == null ? Duration.ZERO
                : Duration.between(step.getStartTime(), step.getEndTime() == null ? LocalDateTime.now() : step.getEndTime());
        return new Partition(ClusterRunService.partitionName(step), ClusterRunService.nodeOf(step),
                context.getLong(ClusterRunService.FILES, 0L), step.getWriteCount(), step.getProcessSkipCount(),
                context.getLong("left", 0L), duration, step.getStatus().name());
    }
}
