package io.filemill.app.cluster;

import io.filemill.app.config.RunSettings;
import io.filemill.app.job.RunScope;
import io.filemill.app.job.RunService;
import io.filemill.app.job.StartedRun;
import io.filemill.app.monitor.RunMetrics;
import io.filemill.app.report.RunReportWriter;
import io.filemill.app.worker.StageRunners;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs one partition on this node: its manifest's files through a local pipeline (thread or process
 * mode, as this node's configuration says), journaled in the partition's own directory beside the
 * manifest, so that whoever takes the partition after a dead node first completes what that node
 * left. Counts go to the partition's step execution once a second, as in a local run.
 */
final class PartitionTasklet implements StoppableTasklet, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionTasklet.class);

    static final String NODE = "node";
    static final String GONE = "gone";

    private final RunSettings settings;
    private final RunService.Request request;
    private final String node;
    private final PartitionFence fence;
    private final RunMetrics metrics;
    private final RunReportWriter reports;
    private final boolean firstAttempt;
    private Path workDir;
    private StartedRun run;
    private ManifestSource source;
    private StoppableTasklet follower;
    private boolean closed;

    /** Runs on {@code work}'s node, its stage latencies to {@code metrics}, while {@code fence} holds. */
    PartitionTasklet(NodeWork work, RunMetrics metrics, RunReportWriter reports, PartitionFence fence,
                     boolean firstAttempt) {
        this.firstAttempt = firstAttempt;
        this.reports = reports;
        this.fence = fence;
        this.settings = work.settings();
        this.request = work.request();
        this.node = work.node();
        this.metrics = metrics;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution execution = chunkContext.getStepContext().getStepExecution();
        // the run ends, and leaves its problems for the report, within the step's last transaction:
        // Spring Batch records the step's end before its listeners run, and the run may read it at once
        try {
            if (run == null) {
                start(execution);
                if (run.stoppedBeforeItStarted()) {
                    execution.setTerminateOnly();
                    close(execution);
                    return RepeatStatus.FINISHED;
                }
            }
            RepeatStatus status = follower.execute(contribution, chunkContext);
            if (status == RepeatStatus.FINISHED) {
                noneThereAtFirst(execution);
                close(execution);
            } else if (execution.isTerminateOnly()) {
                close(execution); // stopped: the step ends STOPPED after this chunk
            }
            return status;
        } catch (Exception | Error e) {
            closeQuietly(execution);
            throw e;
        }
    }

    /**
     * A first attempt that finds none of its files was given another inbox than the run's (a node
     * mounting another directory, or configured with another one): it must not report the partition
     * done while its files wait in the run's inbox.
     */
    private void noneThereAtFirst(StepExecution execution) {
        long files = execution.getExecutionContext().getLong(InboxPartitioner.FILES, 0);
        if (firstAttempt && files > 0 && source.gone() == files) {
            throw new IllegalStateException("none of the " + files + " files of partition " + execution.getId()
                    + " is in " + settings.inbox() + ": is this node's filemill.inbox the run's inbox? They stay "
                    + "where they are");
        }
    }

    /**
     * However the step ended (finished, failed, or its record refused because another node took the
     * partition over meanwhile), the run ends with it: no file is taken after the step.
     */
    @Override
    public ExitStatus afterStep(StepExecution execution) {
        closeQuietly(execution);
        return null;
    }

    private void closeQuietly(StepExecution execution) {
        try {
            close(execution);
        } catch (Exception e) {
            log.warn("partition {}: the run did not end cleanly: {}", execution.getId(), e.getMessage());
        }
    }

    private void start(StepExecution execution) throws Exception {
        ExecutionContext context = execution.getExecutionContext();
        Path manifest = PartitionDirectories.manifest(settings, context.getString(InboxPartitioner.MANIFEST));
        source = new ManifestSource(manifest, settings.inbox());
        workDir = Files.createDirectories(PartitionDirectories.workDir(manifest));
        long id = execution.getId();
        RunScope scope = RunScope.partition(workDir, id, source, new FenceGate(fence, id));
        context.putString(NODE, node);
        run = StartedRun.start(settings, new StageRunners(settings, metrics, scope.workerLock()), request, scope);
        if (!run.stoppedBeforeItStarted()) {
            follower = run.follower();
        }
    }

    private void close(StepExecution execution) throws Exception {
        if (run != null && !closed) {
            closed = true;
            try {
                run.close();
                // for the run's report: this attempt's failed, left, skipped and deferred files, with reasons
                reports.write(run.problems(), PartitionDirectories.problemsFile(workDir));
            } finally {
                execution.getExecutionContext().putLong(GONE, source.gone());
            }
        }
    }

    @Override
    public void stop() {
        if (follower != null) {
            follower.stop();
        }
    }
}
