package io.filemill.app.cluster;

import io.filemill.pipeline.concurrent.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Watches a run's partitions while the manager step waits for them: a partition whose node records
 * no progress for {@code filemill.cluster.node-timeout} (a node records it every second) has a node
 * that is dead, cut off or stalled. The supervisor then ends that node's database session, which
 * holds the partition's fence (a stalled node that wakes finds its fence gone and publishes nothing
 * more), and sends the partition again, for another node to take over. A partition is sent again at
 * most once per node timeout.
 */
final class PartitionSupervisor implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionSupervisor.class);

    private final Path runDir;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final MessageChannel requests;
    private final Duration pollInterval;
    private final Duration nodeTimeout;
    private final Map<Long, LocalDateTime> sentAgainAt = new HashMap<>();
    private volatile boolean stopped;
    private volatile long jobExecutionId = -1;
    private Thread watcher;

    PartitionSupervisor(Path runDir, JobRepository jobRepository, DataSource dataSource, MessageChannel requests,
                        Duration pollInterval, Duration nodeTimeout) {
        this.runDir = runDir;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.requests = requests;
        this.pollInterval = pollInterval;
        this.nodeTimeout = nodeTimeout;
    }

    /**
     * Before any request is sent: names the job execution in the run's directory, for a later run to
     * settle the partitions should this one die ({@link UnsettledRuns}).
     */
    @Override
    public void beforeStep(StepExecution manager) {
        long jobExecutionId = manager.getJobExecutionId();
        this.jobExecutionId = jobExecutionId;
        try {
            Files.createDirectories(runDir);
            Files.writeString(PartitionDirectories.jobExecutionFile(runDir), jobExecutionId + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + runDir, e);
        }
        watcher = Threads.startDaemon("partition-supervisor", () -> watch(jobExecutionId));
    }

    /** The job execution of the run, once its manager step has started; -1 before. */
    long jobExecutionId() {
        return jobExecutionId;
    }

    @Override
    public ExitStatus afterStep(StepExecution manager) {
        stopped = true;
        watcher.interrupt();
        try {
            watcher.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private void watch(long jobExecutionId) {
        while (!stopped) {
            try {
                Thread.sleep(pollInterval.toMillis());
                look(jobExecutionId);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | SQLException e) {
                log.warn("cannot look at the partitions of run {}: {}", jobExecutionId, e.getMessage());
            }
        }
    }

    private void look(long jobExecutionId) throws SQLException {
        JobExecution job = jobRepository.getJobExecution(jobExecutionId);
        if (job == null) {
            return;
        }
        LocalDateTime now = LocalDateTime.now();
        LocalDateTime silentSince = now.minus(nodeTimeout);
        for (StepExecution partition : job.getStepExecutions()) {
            boolean taken = partition.getStatus() == BatchStatus.STARTED || partition.getStatus() == BatchStatus.STOPPING;
            LocalDateTime lastSign = partition.getLastUpdated();
            LocalDateTime sent = sentAgainAt.get(partition.getId());
            if (!partition.getStepName().startsWith(ClusterRunService.WORKER_STEP + ":") || !taken || lastSign == null
                    || lastSign.isAfter(silentSince) || (sent != null && sent.isAfter(silentSince))) {
                continue;
            }
            String node = ClusterRunService.nodeOf(partition);
            int ended = endFenceHolder(partition.getId());
            log.warn("partition {} ({}) on node {}: no sign of life for {} s; {}, sent again for another node",
                    partition.getId(), partition.getStepName(), node, Duration.between(lastSign, now).toSeconds(),
                    ended > 0 ? "its database session ended, so it holds the fence no more" : "nobody holds its fence");
            requests.send(MessageBuilder.withPayload(new StepExecutionRequest(ClusterRunService.WORKER_STEP,
                    partition.getId())).build());
            sentAgainAt.put(partition.getId(), now);
        }
    }

    /** Ends the database session that holds a partition's fence; returns how many it ended. */
    private int endFenceHolder(long stepExecutionId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks "
                     + "WHERE locktype = 'advisory' AND granted AND classid = ?::oid AND objid = ?::oid AND objsubid = 2")) {
            statement.setLong(1, PartitionFence.NAMESPACE);
            statement.setLong(2, (int) stepExecutionId);
            int ended = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ended += result.getBoolean(1) ? 1 : 0;
                }
            }
            return ended;
        }
    }
}
