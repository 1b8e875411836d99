package io.filemill.app.cluster;

import io.filemill.app.config.RunSettings;
import io.filemill.app.job.RunScope;
import io.filemill.pipeline.deliver.Recovery;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Settles the runs across machines that the state directory still holds ({@code partitions/RUN}):
 * one whose manager died, timed out, or left partitions unfinished. For each partition still
 * running it waits while a node holds its fence (that node is working on it), then takes the fence
 * itself and marks the partition ABANDONED, so that no node runs it any more (its files are still in
 * the inbox, for this run to list); for every partition that did not complete it finishes what its
 * journals show half done. Then the run is marked as failed in the job repository if it was still
 * shown running, and its directory goes. A run directory without its job execution's id was left
 * before any request was sent: nothing ran, and it just goes.
 */
final class UnsettledRuns {

    private static final Logger log = LoggerFactory.getLogger(UnsettledRuns.class);

    private final RunSettings settings;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final DataSource dataSource;
    private final Duration pollInterval;

    UnsettledRuns(RunSettings settings, JobRepository jobRepository, JobOperator jobOperator, DataSource dataSource,
                  Duration pollInterval) {
        this.settings = settings;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.dataSource = dataSource;
        this.pollInterval = pollInterval;
    }

    /**
     * Settles every run directory there is, waiting at most {@code patience} for the partitions that
     * nodes are still working on.
     *
     * @throws TimeoutException when a node still works on a partition after that; nothing of this run is taken then
     */
    void settleAll(Duration patience) throws Exception {
        if (!Files.isDirectory(settings.partitionsDir())) {
            return;
        }
        List<Path> runs = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(settings.partitionsDir())) {
            dirs.forEach(runs::add);
        }
        LocalDateTime deadline = LocalDateTime.now().plus(patience);
        for (Path run : runs) {
            settle(run, deadline);
        }
    }

    /** Settles one run whose job has ended; returns false, leaving it for the next run, when a partition still runs. */
    boolean settleEnded(Path run) throws Exception {
        return settle(run, null);
    }

    private boolean settle(Path run, LocalDateTime deadline) throws Exception {
        Path idFile = PartitionDirectories.jobExecutionFile(run);
        if (!Files.isRegularFile(idFile)) {
            PathUtils.deleteDirectory(run);
            return true;
        }
        long id = Long.parseLong(Files.readString(idFile).trim());
        JobExecution job = jobRepository.getJobExecution(id);
        if (job == null) {
            finishOrphanedJournals(run); // the repository lost the run: its journals still say what was published
        } else {
            for (StepExecution partition : job.getStepExecutions()) {
                if (partition.getStepName().startsWith(ClusterRunService.WORKER_STEP + ":")
                        && !settlePartition(run, partition.getId(), deadline)) {
                    return false;
                }
            }
            job = jobRepository.getJobExecution(id);
            if (job.getStatus().isRunning()) {
                jobOperator.recover(job);
                log.warn("run {} across machines did not finish (its manager died); marked FAILED, its partitions "
                        + "settled", id);
            }
        }
        PathUtils.deleteDirectory(run);
        return true;
    }

    private boolean settlePartition(Path run, long id, LocalDateTime deadline) throws Exception {
        while (true) {
            StepExecution partition = jobRepository.getStepExecution(id);
            if (partition.getStatus() == BatchStatus.COMPLETED) {
                return true;
            }
            try (PartitionFence fence = PartitionFence.tryAcquire(dataSource, id)) {
                if (fence != null) {
                    partition = jobRepository.getStepExecution(id); // as it is, now that no node can change it
                    if (partition.getStatus() != BatchStatus.COMPLETED) {
                        finishJournals(run, partition);
                    }
                    if (partition.getStatus().isRunning()) {
                        partition.setStatus(BatchStatus.ABANDONED);
                        partition.setExitStatus(new ExitStatus("ABANDONED", "its run's manager died; its files are "
                                + "taken by a later run"));
                        partition.setEndTime(LocalDateTime.now());
                        jobRepository.update(partition);
                        log.warn("partition {} ({}) of an unfinished run across machines: abandoned, its files stay "
                                + "in the inbox for this run", id, partition.getStepName());
                    }
                    return true;
                }
            }
            if (deadline == null) {
                return false;
            }
            if (LocalDateTime.now().isAfter(deadline)) {
                throw new TimeoutException("partition " + id + " of an unfinished run across machines is still "
                        + "being worked on by a node; try again when it is done");
            }
            log.info("partition {} of an unfinished run across machines: a node still works on it; waiting", id);
            Thread.sleep(pollInterval.toMillis());
        }
    }

    /**
     * A run whose job the repository no longer knows (a database reset): every partition's journals
     * are completed, so that no original stays in the inbox beside its published copy; staged files are
     * left to the next local run's recovery, since their partitions' tags are unknown.
     */
    private void finishOrphanedJournals(Path run) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(run, "*.d")) {
            for (Path dir : dirs) {
                Path journal = RunScope.partitionJournal(dir);
                if (Files.isDirectory(journal)) {
                    Recovery.recover(settings.deliverySettings(journal), null);
                }
            }
        }
        log.warn("run across machines {}: not in the job repository; its journals were completed", run.getFileName());
    }

    /** Completes what the partition's journals show half done, and deletes its staged files. */
    private void finishJournals(Path run, StepExecution partition) throws IOException {
        if (!partition.getExecutionContext().containsKey(InboxPartitioner.MANIFEST)) {
            return;
        }
        Path manifest = PartitionDirectories.manifest(settings, partition.getExecutionContext().getString(InboxPartitioner.MANIFEST));
        Path journal = RunScope.partitionJournal(PartitionDirectories.workDir(manifest));
        Recovery.Report report = Recovery.recover(settings.deliverySettings(journal),
                RunScope.partitionTagPrefix(partition.getId()));
        if (report.foundAnything()) {
            log.info("partition {}: finished what its journals showed half done ({} journals, {} originals removed, "
                    + "{} staged files deleted)", partition.getId(), report.journals(), report.completed(), report.staleFiles());
        }
    }
}
