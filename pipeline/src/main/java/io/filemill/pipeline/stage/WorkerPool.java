package io.filemill.pipeline.stage;

import io.filemill.pipeline.wire.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The live workers of a process runner and what each holds: sends every request to the least
 * loaded worker that is not stalled, and when a worker ends, charges only the request it was
 * working on ({@link Blame}), sends the others elsewhere and has {@link WorkerSupply} start a
 * replacement (none once a stop has begun).
 */
final class WorkerPool<S, I, O> {

    /** After a death, survivors take up to this many times their window until the replacement is up. */
    private static final int OVERFLOW_FACTOR = 2;

    /**
     * A worker on one request for longer than this is stalled: it gets no new requests, and those
     * queued behind the slow one are recalled and sent to other workers, so a slow file costs only
     * its own time.
     */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** How long a worker asked to exit at close may take before it is killed. */
    private static final long EXIT_SECONDS = 10;

    private final StageDefinition<S, I, O> stage;
    private final Undo<S, I, O> undo;
    private final Supervision supervision;
    private final WorkerLogSink logSink;
    private final WorkerSupply<I, O> supply;
    private final int capacity;
    private final PoolState<I, O> state = new PoolState<>();

    WorkerPool(StageDefinition<S, I, O> stage, S settings, int window, WorkerStarter<I, O> starter,
               Supervision supervision, WorkerLogSink logSink) {
        this.stage = stage;
        this.undo = new Undo<>(stage, settings, logSink);
        this.supervision = supervision;
        this.logSink = logSink;
        this.capacity = window * OVERFLOW_FACTOR;
        ReplyReader<I, O> replies = new ReplyReader<>(stage.reply(), new ReplyReader.Events<>() {
            @Override
            public void ended(WorkerProcess<I, O> worker, String cause) {
                died(worker, cause, false);
            }

            @Override
            public void handedBack(Pending<I, O> pending) {
                dispatch(pending);
            }

            @Override
            public void answered() {
                sendWaiting();
            }
        });
        this.supply = new WorkerSupply<>(stage.name(), starter, replies::readAll, supervision, logSink);
    }

    /**
     * Starts the workers side by side and waits until each is ready.
     *
     * @throws WorkerPoolException when one cannot be started; then none is left running
     */
    void startAll(int workers) {
        state.live.addAll(supply.startAll(workers, state::stopStarting));
    }


    /** Sends a request to the least loaded worker that is not stalled, or keeps it until one has room. */
    void dispatch(Pending<I, O> pending) {
        WorkerProcess<I, O> worker = null;
        long now = System.nanoTime();
        synchronized (state.lock) {
            if (state.broken != null) {
                pending.reply.completeExceptionally(state.broken);
                return;
            }
            if (state.cancelled || (state.draining && state.live.isEmpty())) {
                pending.reply.completeExceptionally(new CancellationException("stopped: the run is stopping"));
                return;
            }
            for (WorkerProcess<I, O> candidate : state.live) {
                if (!candidate.dead && !candidate.stalledFor(STALL_NANOS, now)
                        && (worker == null || candidate.load() < worker.load())) {
                    worker = candidate;
                }
            }
            if (worker == null || worker.load() >= capacity) {
                state.waiting.add(pending);
                return;
            }
            worker.hold(pending);
        }
        try {
            worker.send(pending, Messages.numbered(pending.id, stage.request(), pending.input));
        } catch (IOException | RuntimeException e) {
            unwritable(worker, e);
        }
    }

    /** After a reply: sends the requests that waited for room, if any. */
    private void sendWaiting() {
        if (!state.waiting.isEmpty()) {
            state.waiting.takeAll().forEach(this::dispatch);
        }
    }

    /** The watchdog found a worker on one request for longer than the task timeout. */
    void timedOut(WorkerProcess<I, O> worker) {
        died(worker, "ran past the task timeout of " + supervision.taskTimeout().toMillis() + " ms", true);
    }

    /** A worker's stdin cannot be written: it is gone. */
    void unwritable(WorkerProcess<I, O> worker, Exception e) {
        died(worker, "cannot write to it: " + e.getMessage(), false);
    }

    /** Handles the end of a worker: kill it, charge its culprit, send the others elsewhere, replace it. */
    private void died(WorkerProcess<I, O> worker, String cause, boolean timedOut) {
        List<Pending<I, O>> orphans;
        boolean replace;
        synchronized (state.lock) {
            if (worker.dead) {
                return;
            }
            worker.dead = true;
            state.live.remove(worker);
            worker.kill();
            orphans = worker.releaseAll();
            if (state.closing && orphans.isEmpty()) {
                return; // it was asked to exit
            }
            replace = !state.draining && !state.cancelled;
            logSink.line(worker.name, "ERROR " + worker.name + " " + cause + " with " + orphans.size()
                    + " requests in flight; " + (replace ? "replacing it" : "not replacing it: the run is stopping"));
            int recent = replace ? supply.recordRestart() : 0;
            if (supply.tooMany(recent)) {
                breakPool(new WorkerPoolException(stage.name() + " workers restarted " + recent + " times within "
                        + supervision.restartPeriod().toSeconds() + " s; last: " + worker.name + " " + cause, null),
                        orphans);
                return;
            }
        }
        Pending<I, O> culprit = Blame.culprit(orphans);
        for (Pending<I, O> orphan : orphans) {
            if (orphan == culprit && Blame.charge(culprit, supervision)) {
                worker.killAndWait(); // nothing it began may change after this
                undo.giveUp(culprit, Blame.reason(culprit, timedOut, supervision));
            } else {
                dispatch(orphan);
            }
        }
        if (replace) {
            supply.replace(state::stopStarting, this::joined, this::replacementFailed);
        } else {
            state.failWaitingIfNoWorkerIsLeft();
        }
    }

    private void joined(WorkerProcess<I, O> worker) {
        boolean keep;
        synchronized (state.lock) {
            keep = !state.stopStarting();
            if (keep) {
                state.live.add(worker);
            }
        }
        if (!keep) {
            worker.dead = true;
            worker.killAndWait();
        }
        sendWaiting();
        state.failWaitingIfNoWorkerIsLeft();
    }

    private void replacementFailed(RuntimeException e) {
        synchronized (state.lock) {
            if (!state.draining && !state.cancelled && !state.closing) {
                breakPool(new WorkerPoolException("cannot replace a " + stage.name() + " worker: "
                        + WorkerPoolException.rootMessage(e), e), List.of());
                return;
            }
        }
        state.failWaitingIfNoWorkerIsLeft();
    }



    /** Called holding the lock: the pool cannot go on; everything not yet answered fails. */
    private void breakPool(RuntimeException failure, List<Pending<I, O>> orphans) {
        logSink.line("worker-" + stage.name(), "ERROR " + failure.getMessage());
        state.breakWith(failure, orphans);
    }

    /** A stop has begun: no worker is started from now on. */
    void drain() {
        state.draining = true;
        state.failWaitingIfNoWorkerIsLeft();
    }

    /** Gives up on everything unanswered: stops every worker and undoes what it began. */
    void cancel() {
        List<WorkerProcess<I, O>> workers;
        List<Pending<I, O>> unanswered = new ArrayList<>();
        synchronized (state.lock) {
            state.cancelled = true;
            workers = List.copyOf(state.live);
            state.live.clear();
            for (WorkerProcess<I, O> worker : workers) {
                worker.dead = true;
                worker.kill();
                unanswered.addAll(worker.releaseAll());
            }
            unanswered.addAll(state.waiting.takeAll());
        }
        workers.forEach(WorkerProcess::killAndWait);
        for (Pending<I, O> pending : unanswered) {
            if (pending.sequence > 0) {
                undo.abandon(pending);
            }
            pending.reply.completeExceptionally(new CancellationException("stopped: the run is stopping"));
        }
    }

    void warn(String message) {
        undo.warn(message);
    }

    /** The runner is broken when its workers cannot be kept running; null while it works. */
    RuntimeException broken() {
        return state.broken;
    }

    List<WorkerProcess<I, O>> live() {
        return List.copyOf(state.live);
    }

    /** Asks each worker to exit (end of its stdin) and waits up to {@value #EXIT_SECONDS} s for it; kills the rest. */
    void closeWorkers() throws InterruptedException {
        state.closing = true;
        List<WorkerProcess<I, O>> workers = live();
        WorkerProcess.closeAll(workers, EXIT_SECONDS);
        supply.close();
    }
}
