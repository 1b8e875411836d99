package io.filemill.app.cluster;

import io.filemill.app.config.RunSettings;
import io.filemill.app.job.RunScope;
import io.filemill.app.job.RunService;
import io.filemill.app.job.StartedRun;
import io.filemill.app.worker.StageRunners;
import java.nio.file.Files;
import java.nio.file.Path;
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
final class PartitionTasklet implements StoppableTasklet {

    static final String NODE = "node";
    static final String GONE = "gone";

    private final RunSettings settings;
    private final RunService.Request request;
    private final String node;
    private StartedRun run;
    private ManifestSource source;
    private StoppableTasklet follower;

    PartitionTasklet(RunSettings settings, RunService.Request request, String node) {
        this.settings = settings;
        this.request = request;
        this.node = node;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution execution = chunkContext.getStepContext().getStepExecution();
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
                close(execution);
            }
            return status;
        } catch (Exception | Error e) {
            close(execution);
            throw e;
        }
    }

    private void start(StepExecution execution) throws Exception {
        ExecutionContext context = execution.getExecutionContext();
        Path manifest = PartitionDirectories.manifest(settings.home(), context.getString(InboxPartitioner.MANIFEST));
        source = new ManifestSource(manifest, settings.inbox());
        Path workDir = Files.createDirectories(PartitionDirectories.workDir(manifest));
        RunScope scope = RunScope.partition(workDir, execution.getId(), source);
        context.putString(NODE, node);
        run = StartedRun.start(settings, new StageRunners(settings, null, scope.workerLock()), request, scope);
        if (!run.stoppedBeforeItStarted()) {
            follower = run.follower();
        }
    }

    private void close(StepExecution execution) throws Exception {
        if (run != null) {
            try {
                run.close();
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
