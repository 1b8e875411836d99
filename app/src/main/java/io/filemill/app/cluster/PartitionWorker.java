package io.filemill.app.cluster;

import io.filemill.app.monitor.RunMetrics;
import io.filemill.app.report.RunReportWriter;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A node's side of a partition request, taken from the broker in a transacted session: the request
 * is acknowledged only when this method returns, so a node killed mid-partition leaves it for the
 * broker to hand to another node. The job repository is the truth: a request for a partition that
 * has ended (a redelivery after its node finished it) is dropped; one whose partition another node
 * holds the fence of ({@link PartitionFence}) is dropped too, since that node is alive and will
 * finish it (the run resends it if that node dies); otherwise this node takes the fence and runs the
 * partition, first completing what an earlier node left of it. A partition this node stops because
 * it is stopping itself ends STOPPED, and the run sends it again ({@link HandedBackPartitions}).
 */
final class PartitionWorker implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final NodeWork work;
    private final RunMetrics metrics;
    private final RunReportWriter reports;
    private final RequestConverter converter = new RequestConverter();

    /** A worker whose partitions' stage latencies go to {@code metrics} (the node's {@code /actuator/metrics}). */
    PartitionWorker(JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
                    NodeWork work, RunMetrics metrics, RunReportWriter reports) {
        this.reports = reports;
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.work = work;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(Message message) {
        StepExecutionRequest partition;
        try {
            partition = converter.fromMessage(message);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read a partition request: " + e.getMessage(), e);
        }
        try {
            handle(partition);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("partition " + partition.getStepExecutionId() + ": " + e.getMessage(), e);
        }
    }

    void handle(StepExecutionRequest partition) throws Exception {
        long id = partition.getStepExecutionId();
        if (!stillToRun(id)) {
            return;
        }
        try (PartitionFence fence = PartitionFence.tryAcquire(dataSource, id)) {
            if (fence == null) {
                log.info("partition {}: another node works on it; request dropped", id);
                return;
            }
            StepExecution execution = jobRepository.getStepExecution(id); // as it is now that it is ours
            if (execution == null || !execution.getStatus().isRunning()) {
                log.info("partition {}: ended meanwhile; request dropped", id);
                return;
            }
            boolean firstAttempt = execution.getStatus() == BatchStatus.STARTING;
            if (!firstAttempt) {
                log.warn("partition {}: {} by a node that is gone; taking it over", id, execution.getStatus());
            }
            log.info("partition {} ({}): {} files", id, execution.getStepName(),
                    execution.getExecutionContext().getLong(InboxPartitioner.FILES, 0));
            PartitionTasklet tasklet = new PartitionTasklet(work, metrics, reports, fence, firstAttempt);
            Step step = new StepBuilder(partition.getStepName(), jobRepository)
                    .tasklet(tasklet, transactionManager)
                    .listener(tasklet)
                    .build();
            step.execute(execution);
            if (execution.getStatus() == BatchStatus.STOPPED && work.request().shutdown().requested()) {
                log.info("partition {}: {} delivered here; this node is stopping, the rest is handed back to the run, "
                        + "which sends it again", id, execution.getWriteCount());
                return;
            }
            log.info("partition {}: {}, {} delivered, {} failed", id, execution.getStatus(),
                    execution.getWriteCount(), execution.getProcessSkipCount());
        }
    }

    private boolean stillToRun(long id) {
        StepExecution execution = jobRepository.getStepExecution(id);
        if (execution == null) {
            log.warn("partition {}: no such step execution in the job repository; request dropped", id);
            return false;
        }
        if (!execution.getStatus().isRunning()) {
            log.info("partition {}: already {}; request dropped", id, execution.getStatus());
            return false;
        }
        return true;
    }
}
