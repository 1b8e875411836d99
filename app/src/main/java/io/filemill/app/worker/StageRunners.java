package io.filemill.app.worker;

import io.filemill.app.config.FilemillProperties.Mode;
import io.filemill.app.config.RunSettings;
import io.filemill.app.monitor.RunMetrics;
import io.filemill.pipeline.catalog.StageCatalog;
import io.filemill.pipeline.deliver.DeliverySettings;
import io.filemill.pipeline.engine.PipelineStages;
import io.filemill.pipeline.measure.ProcessUsage;
import io.filemill.pipeline.measure.WireTraffic;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.stage.ProcessStageRunner;
import io.filemill.pipeline.stage.StageDefinition;
import io.filemill.pipeline.stage.StageRunner;
import io.filemill.pipeline.stage.Supervision;
import io.filemill.pipeline.stage.ThreadStageRunner;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds a run's stage runners as configured: each stage in threads or in worker JVMs. Both kinds
 * run the very same stage ({@link StageDefinition}), so the two modes do the same work.
 */
public final class StageRunners {

    private final RunSettings settings;
    /**
     * Files queued per retitle thread in thread mode: enough that no thread waits while the scan and
     * the batcher take their turn on two cores, few enough that a stop finds little to give back.
     */
    static final int RETITLE_QUEUE_PER_WORKER = 8;

    private final RunMetrics metrics;
    private final List<ProcessStageRunner<?, ?, ?>> processRunners = new ArrayList<>();
    private final Path workerLock;
    private WorkerLauncher launcher;

    /** Runners whose request latencies go to {@code metrics}' {@code filemill.stage.latency} timers. */
    public StageRunners(RunSettings settings, RunMetrics metrics) {
        this(settings, metrics, settings.workerLock());
    }

    /**
     * Runners whose worker JVMs hold {@code workerLock} (a partition's own, across machines); request
     * latencies go to {@code metrics} unless it is null.
     */
    public StageRunners(RunSettings settings, RunMetrics metrics, Path workerLock) {
        this.settings = settings;
        this.metrics = metrics;
        this.workerLock = workerLock;
    }

    /** Runners that time nothing: for a run whose meters nobody can read ({@code filemill run} exits after it). */
    public StageRunners(RunSettings settings) {
        this(settings, null);
    }

    public PipelineStages create(RetitleSettings retitle, DeliverySettings deliver) throws IOException {
        StageRunner<FileTask, RetitleResult> first =
                runner(StageCatalog.RETITLE, retitle, settings.retitle(), settings.retitle().workers() * RETITLE_QUEUE_PER_WORKER);
        try {
            return new PipelineStages(first, runner(StageCatalog.DELIVER, deliver, settings.deliver(), 1));
        } catch (IOException | RuntimeException e) {
            try {
                first.close(); // no worker of the first stage may outlive a failed start of the second
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    private <S, I, O> StageRunner<I, O> runner(StageDefinition<S, I, O> stage, S stageSettings,
                                               RunSettings.StagePlan plan, int queued) throws IOException {
        StageRunner<I, O> runner = untimedRunner(stage, stageSettings, plan, queued);
        return metrics == null ? runner : new TimedStageRunner<>(runner,
                metrics.stageLatency(stage.name(), plan.mode().name().toLowerCase(Locale.ROOT)));
    }

    private <S, I, O> StageRunner<I, O> untimedRunner(StageDefinition<S, I, O> stage, S stageSettings,
                                                      RunSettings.StagePlan plan, int queued) throws IOException {
        if (plan.mode() == Mode.THREAD) {
            return new ThreadStageRunner<>(stage.name(), stage.factory().apply(stageSettings), plan.workers(), queued);
        }
        if (launcher == null) {
            launcher = WorkerLauncher.create(settings.worker(), settings.home(), workerLock);
        }
        var worker = settings.worker();
        Supervision supervision = new Supervision(worker.startTimeout(), worker.taskTimeout(),
                Supervision.defaults().maxAttempts(), worker.maxRestarts(), worker.restartPeriod());
        ProcessStageRunner<S, I, O> runner = new ProcessStageRunner<>(stage, stageSettings, plan.workers(),
                worker.window(), launcher, supervision, new WorkerLogForwarder());
        processRunners.add(runner);
        return runner;
    }

    /** How long each worker JVM took to become ready, over all process stages. */
    public List<Duration> workerStartupTimes() {
        List<Duration> times = new ArrayList<>();
        processRunners.forEach(runner -> times.addAll(runner.startupTimes()));
        return times;
    }

    /** Frames and bytes exchanged with every worker, over all process stages. */
    public WireTraffic traffic() {
        return processRunners.stream().map(ProcessStageRunner::traffic).reduce(WireTraffic.NONE, WireTraffic::plus);
    }

    /** CPU time and peak memory of each worker, read as the runners closed; call after that. */
    public List<ProcessUsage> workerUsage() {
        List<ProcessUsage> usage = new ArrayList<>();
        processRunners.forEach(runner -> usage.addAll(runner.workerUsage()));
        return usage;
    }

    /** Call once the runners are closed. */
    public void finished() {
        if (launcher != null) {
            launcher.workersExited();
        }
    }
}
