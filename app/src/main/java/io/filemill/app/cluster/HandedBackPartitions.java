package io.filemill.app.cluster;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * Spring Batch Integration's partition handler in polling mode (requests to the broker, the job
 * repository polled for the partitions' ends), which also sends again the partitions that nodes
 * handed back: a node stopped by SIGTERM stops its partition as a run stops (STOPPED, the files not
 * delivered still in the inbox). While the run itself is not being stopped, such a partition is
 * recorded as taken again and its request sent again, for another node to finish.
 */
final class HandedBackPartitions extends MessageChannelPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(HandedBackPartitions.class);

    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final Duration pollInterval;
    private final Duration nodeTimeout;

    HandedBackPartitions(JobRepository jobRepository, DataSource dataSource, MessageChannel requests, int gridSize,
                         Duration pollInterval, Duration timeout, Duration nodeTimeout) throws Exception {
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.pollInterval = pollInterval;
        this.nodeTimeout = nodeTimeout;
        MessagingTemplate template = new MessagingTemplate();
        template.setDefaultChannel(requests);
        setMessagingOperations(template);
        setStepName(ClusterRunService.WORKER_STEP);
        setGridSize(gridSize);
        setJobRepository(jobRepository);
        setPollInterval(pollInterval.toMillis());
        setTimeout(timeout.toMillis());
        afterPropertiesSet();
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        Set<StepExecution> ended = new HashSet<>(super.doHandle(manager, partitions));
        while (!stopping(manager)) {
            Set<StepExecution> handedBack = new HashSet<>();
            for (StepExecution partition : ended) {
                if (partition.getStatus() == BatchStatus.STOPPED) {
                    StepExecution again = takenAgain(partition.getId());
                    if (again != null) {
                        handedBack.add(again);
                    }
                }
            }
            if (handedBack.isEmpty()) {
                break;
            }
            Set<Long> sentAgain = new HashSet<>();
            handedBack.forEach(partition -> sentAgain.add(partition.getId()));
            ended.removeIf(partition -> sentAgain.contains(partition.getId()));
            ended.addAll(super.doHandle(manager, handedBack));
        }
        return ended;
    }

    private boolean stopping(StepExecution manager) {
        JobExecution job = jobRepository.getJobExecution(manager.getJobExecutionId());
        return job == null || job.getStatus() == BatchStatus.STOPPING || job.getStatus() == BatchStatus.STOPPED
                || manager.isTerminateOnly();
    }

    /**
     * A handed-back partition, recorded as taken again under its fence (once the node that stopped it
     * has let it go: it records the partition's end first), as it is now in the repository; null
     * when the node does not let it go within the node timeout, or the partition is no longer STOPPED.
     */
    private StepExecution takenAgain(long id) throws Exception {
        LocalDateTime deadline = LocalDateTime.now().plus(nodeTimeout);
        PartitionFence held = PartitionFence.tryAcquire(dataSource, id);
        while (held == null) {
            if (LocalDateTime.now().isAfter(deadline)) {
                log.warn("partition {}: stopped by its node, which still holds it; left STOPPED, its files stay in the "
                        + "inbox for the next run", id);
                return null;
            }
            Thread.sleep(pollInterval.toMillis());
            held = PartitionFence.tryAcquire(dataSource, id);
        }
        StepExecution partition;
        try (PartitionFence fence = held) {
            partition = jobRepository.getStepExecution(id);
            if (partition.getStatus() != BatchStatus.STOPPED) {
                return null;
            }
            partition.setStatus(BatchStatus.STARTED);
            partition.setExitStatus(ExitStatus.EXECUTING);
            partition.setEndTime(null);
            jobRepository.update(partition);
        }
        log.info("partition {} ({}) handed back by node {} with {} delivered: sent again", id, partition.getStepName(),
                ClusterRunService.nodeOf(partition),
                partition.getWriteCount());
        return partition;
    }
}
