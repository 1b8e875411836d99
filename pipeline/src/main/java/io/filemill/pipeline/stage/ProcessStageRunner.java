package io.filemill.pipeline.stage;

import io.filemill.pipeline.measure.ProcessUsage;
import io.filemill.pipeline.measure.WireTraffic;
import io.filemill.pipeline.wire.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a stage in N worker JVMs that talk to this one over their stdin and stdout. Each request
 * goes to the worker with the fewest requests in flight; at most {@code window} requests are in
 * flight per worker, and {@link #submit} blocks beyond that.
 *
 * <p>A worker that dies, sends a malformed frame or runs past the task timeout is killed and
 * replaced (see {@link WorkerPool}): only the request it was working on is charged, and the others
 * it held go to other workers. More than {@link Supervision#maxRestarts()} restarts within
 * {@link Supervision#restartPeriod()} break the runner: every waiting request fails with a
 * {@link WorkerPoolException}. No worker outlives the runner: {@link #close} and {@link #cancel} end
 * them, and a worker whose parent dies halts by itself. The runner registers no JVM hook: the
 * application owns shutdown.
 */
public final class ProcessStageRunner<S, I, O> implements StageRunner<I, O> {

    /** The reason a request given up on is recorded with. */
    public static final String CRASH_REASON = "worker crashed while processing";

    /** How the reason of a request given up on after task timeouts starts. */
    public static final String TIMEOUT_REASON = "worker ran past the task timeout while processing";

    private final int capacity;
    private final Semaphore slots;
    private final AtomicLong requestIds = new AtomicLong();
    private final WorkerStarter<I, O> starter;
    private final WorkerPool<S, I, O> pool;
    private final Watchdog watchdog;
    private final List<ProcessUsage> usage = new ArrayList<>();

    /**
     * Starts the workers and waits until each is ready.
     *
     * @throws WorkerPoolException when a worker cannot be started
     */
    public ProcessStageRunner(StageDefinition<S, I, O> stage, S settings, int workers, int window,
                              WorkerCommand command, Supervision supervision, WorkerLogSink logSink) {
        if (workers < 1 || window < 1) {
            throw new IllegalArgumentException("workers and window must be at least 1");
        }
        this.capacity = workers * window;
        this.slots = new Semaphore(capacity);
        this.starter = new WorkerStarter<>(stage.name(), Messages.hello(stage.name(), stage.settings(), settings), command,
                supervision.startTimeout(), logSink);
        this.pool = new WorkerPool<>(stage, settings, window, starter, supervision, logSink);
        pool.startAll(workers);
        this.watchdog = new Watchdog(stage.name(), supervision.taskTimeout(), pool);
    }

    @Override
    public CompletableFuture<O> submit(I input) throws InterruptedException {
        RuntimeException failure = pool.broken();
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        slots.acquire();
        Pending<I, O> pending = new Pending<>(requestIds.incrementAndGet(), input);
        pending.reply.whenComplete((value, error) -> slots.release());
        pool.dispatch(pending);
        return pending.reply;
    }

    @Override
    public void drain() {
        pool.drain();
    }

    @Override
    public void cancel() {
        pool.cancel();
    }

    /** Waits for every request to be answered, then closes each worker's stdin and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        slots.acquire(capacity); // every permit back: every request has its reply
        slots.release(capacity);
        watchdog.close();
        synchronized (usage) {
            for (WorkerProcess<I, O> worker : pool.live()) {
                usage.add(ProcessUsage.of(worker.process.toHandle()));
            }
        }
        pool.closeWorkers();
    }

    /** How long each worker took from launch to READY, in start order. */
    public List<Duration> startupTimes() {
        return starter.startupTimes();
    }

    /**
     * The frames and bytes sent to and received from every worker this runner started, including
     * workers that died and were replaced.
     */
    public WireTraffic traffic() {
        WireTraffic total = WireTraffic.NONE;
        for (WorkerProcess<I, O> worker : starter.everStarted()) {
            total = total.plus(new WireTraffic(worker.writer.frames(), worker.writer.bytes(),
                    worker.reader.frames(), worker.reader.bytes()));
        }
        return total;
    }

    /**
     * CPU time and peak memory of each worker that was alive at {@link #close}, read just before it
     * was asked to exit; empty before then.
     */
    public List<ProcessUsage> workerUsage() {
        synchronized (usage) {
            return List.copyOf(usage);
        }
    }

    /** The pids of the workers alive now. */
    public List<Long> workerPids() {
        return pool.live().stream().map(w -> w.process.pid()).toList();
    }
}
