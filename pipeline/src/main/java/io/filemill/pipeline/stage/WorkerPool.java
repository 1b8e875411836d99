package io.filemill.pipeline.stage;

import io.filemill.pipeline.wire.Messages;
import io.filemill.pipeline.wire.StageDefinition;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live workers of a process runner and what each holds: sends every request to the least
 * loaded worker, and when a worker ends, charges only the request it was working on, sends the
 * others elsewhere and starts a replacement (none once a stop has begun).
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

    private final StageDefinition<S, I, O> stage;
    private final S settings;
    private final Supervision supervision;
    private final WorkerLogSink logSink;
    private final WorkerStarter<I, O> starter;
    private final ReplyReader<I, O> replies;
    private final int capacity;
    private final Object lock = new Object();
    private final List<WorkerProcess<I, O>> live = new CopyOnWriteArrayList<>();
    private final Deque<Pending<I, O>> waiting = new ArrayDeque<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final RestartWindow restarts;
    private final ExecutorService starts;
    private volatile RuntimeException broken;
    private volatile boolean draining;
    private volatile boolean cancelled;
    private volatile boolean closing;

    WorkerPool(StageDefinition<S, I, O> stage, S settings, int window, WorkerStarter<I, O> starter,
               Supervision supervision, WorkerLogSink logSink) {
        this.stage = stage;
        this.settings = settings;
        this.supervision = supervision;
        this.logSink = logSink;
        this.starter = starter;
        this.capacity = window * OVERFLOW_FACTOR;
        this.restarts = new RestartWindow(supervision.restartPeriod());
        this.replies = new ReplyReader<>(stage.reply(), new ReplyReader.Events<>() {
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
        AtomicInteger threads = new AtomicInteger();
        this.starts = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "start-" + stage.name() + "-workers-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the workers side by side and waits until each is ready.
     *
     * @throws WorkerPoolException when one cannot be started; then none is left running
     */
    void startAll(int workers) {
        List<Future<WorkerProcess<I, O>>> starting = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            starting.add(starts.submit(this::startRetrying));
        }
        Throwable failure = null;
        for (Future<WorkerProcess<I, O>> worker : starting) {
            try {
                live.add(worker.get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                    broken = new WorkerPoolException("cannot start " + stage.name() + " workers", failure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
                broken = new WorkerPoolException("interrupted while starting " + stage.name() + " workers", e);
            }
        }
        if (failure != null) {
            live.forEach(WorkerProcess::killAndWait);
            live.clear();
            starts.shutdownNow();
            throw new WorkerPoolException("cannot start " + stage.name() + " workers: " + failure.getMessage(), failure);
        }
    }

    /** Starts a worker, trying again while failed starts stay within the restart limit. */
    private WorkerProcess<I, O> startRetrying() {
        while (true) {
            if (broken != null || draining || cancelled) {
                throw new WorkerPoolException("not starting a " + stage.name() + " worker: "
                        + (broken != null ? "the runner is broken" : "the run is stopping"), broken);
            }
            try {
                return starter.start(replies::readAll);
            } catch (WorkerPoolException e) {
                synchronized (lock) {
                    if (broken != null || restarts.record() > supervision.maxRestarts()) {
                        throw e;
                    }
                }
                logSink.line("worker-" + stage.name(), "WARN " + e.getMessage() + "; starting another");
            }
        }
    }

    /** Sends a request to the least loaded worker that is not stalled, or keeps it until one has room. */
    void dispatch(Pending<I, O> pending) {
        WorkerProcess<I, O> worker = null;
        long now = System.nanoTime();
        synchronized (lock) {
            if (broken != null) {
                pending.reply.completeExceptionally(broken);
                return;
            }
            if (cancelled || (draining && live.isEmpty())) {
                pending.reply.completeExceptionally(new CancellationException("stopped: the run is stopping"));
                return;
            }
            for (WorkerProcess<I, O> candidate : live) {
                if (!candidate.dead && !candidate.stalledFor(STALL_NANOS, now)
                        && (worker == null || candidate.load() < worker.load())) {
                    worker = candidate;
                }
            }
            if (worker == null || worker.load() >= capacity) {
                waiting.add(pending);
                waitingCount.incrementAndGet();
                return;
            }
            worker.hold(pending);
        }
        try {
            worker.send(pending, Messages.numbered(pending.id, stage.request(), pending.input));
        } catch (IOException | RuntimeException e) {
            died(worker, "cannot write to it: " + e.getMessage(), false);
        }
    }

    /** After a reply: sends the requests that waited for room, if any. */
    private void sendWaiting() {
        if (waitingCount.get() == 0) {
            return;
        }
        List<Pending<I, O>> ready;
        synchronized (lock) {
            ready = new ArrayList<>(waiting);
            waiting.clear();
            waitingCount.set(0);
        }
        ready.forEach(this::dispatch);
    }

    /** Asks every stalled worker to hand back the requests queued behind its slow one. */
    void recallBehindStalled() {
        long now = System.nanoTime();
        for (WorkerProcess<I, O> worker : live) {
            if (worker.load() > 1 && worker.stalledFor(STALL_NANOS, now)) {
                try {
                    worker.recallQueued();
                } catch (IOException e) {
                    died(worker, "cannot write to it: " + e.getMessage(), false);
                }
            }
        }
    }

    /** The watchdog found a worker on one request for longer than the task timeout. */
    void timedOut(WorkerProcess<I, O> worker) {
        died(worker, "ran past the task timeout of " + supervision.taskTimeout().toMillis() + " ms", true);
    }

    /**
     * Handles the end of a worker: kill it, give up or re-send its requests, replace it. A worker
     * answers in order, so only the request it was working on can have taken it down: that one is
     * charged, and given up once it has taken down {@link Supervision#maxAttempts()} workers (a
     * timeout counts like a crash: a stopped or stalled machine is no fault of the file's, and the
     * stage's own deadline ends slow files without killing anything); every other request is sent
     * to another worker without blame.
     */
    private void died(WorkerProcess<I, O> worker, String cause, boolean timedOut) {
        List<Pending<I, O>> orphans;
        boolean replace;
        synchronized (lock) {
            if (worker.dead) {
                return;
            }
            worker.dead = true;
            live.remove(worker);
            worker.kill();
            orphans = worker.releaseAll();
            if (closing && orphans.isEmpty()) {
                return; // it was asked to exit
            }
            logSink.line(worker.name, "ERROR " + worker.name + " " + cause + " with " + orphans.size()
                    + " requests in flight; " + (draining || cancelled ? "not replacing it: the run is stopping"
                    : "replacing it"));
            replace = !draining && !cancelled;
            if (replace) {
                int recent = restarts.record();
                if (recent > supervision.maxRestarts()) {
                    breakPool(new WorkerPoolException(stage.name() + " workers restarted " + recent + " times within "
                            + supervision.restartPeriod().toSeconds() + " s; last: " + worker.name + " " + cause, null),
                            orphans);
                    return;
                }
            }
        }
        Pending<I, O> culprit = WorkerProcess.current(orphans);
        for (Pending<I, O> orphan : orphans) {
            if (orphan != culprit) {
                dispatch(orphan);
            } else if (++orphan.attempts >= supervision.maxAttempts()) {
                worker.killAndWait(); // nothing it began may change after this
                abandon(orphan);
                String reason = timedOut ? ProcessStageRunner.TIMEOUT_REASON + " ("
                        + supervision.taskTimeout().toMillis() + " ms, " + orphan.attempts + " workers)"
                        : ProcessStageRunner.CRASH_REASON;
                orphan.reply.complete(stage.crashReply().apply(orphan.input, reason));
            } else {
                dispatch(orphan);
            }
        }
        if (replace) {
            starts.execute(this::replace);
        } else {
            failWaitingIfNoWorkerIsLeft();
        }
    }

    private void replace() {
        try {
            WorkerProcess<I, O> worker = startRetrying();
            List<Pending<I, O>> ready;
            synchronized (lock) {
                if (broken != null || draining || cancelled || closing) {
                    worker.dead = true;
                    worker.killAndWait();
                    ready = List.of();
                } else {
                    live.add(worker);
                    ready = new ArrayList<>(waiting);
                    waiting.clear();
                    waitingCount.set(0);
                }
            }
            ready.forEach(this::dispatch);
            failWaitingIfNoWorkerIsLeft();
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (draining || cancelled) {
                    failWaitingIfNoWorkerIsLeft();
                    return;
                }
                breakPool(new WorkerPoolException("cannot replace a " + stage.name() + " worker: " + rootMessage(e), e),
                        List.of());
            }
        }
    }

    /** While stopping, no worker is started: requests with no worker left to take them are given up. */
    private void failWaitingIfNoWorkerIsLeft() {
        List<Pending<I, O>> stranded;
        synchronized (lock) {
            if (!(draining || cancelled) || !live.isEmpty()) {
                return;
            }
            stranded = new ArrayList<>(waiting);
            waiting.clear();
            waitingCount.set(0);
        }
        stranded.forEach(p -> p.reply.completeExceptionally(
                new CancellationException("stopped: the run is stopping and no worker is left to take it")));
    }

    /** Called holding the lock: fails everything not yet answered. */
    private void breakPool(RuntimeException failure, List<Pending<I, O>> orphans) {
        broken = failure;
        logSink.line("worker-" + stage.name(), "ERROR " + failure.getMessage());
        orphans.forEach(p -> p.reply.completeExceptionally(failure));
        waiting.forEach(p -> p.reply.completeExceptionally(failure));
        waiting.clear();
        waitingCount.set(0);
    }

    /** A stop has begun: no worker is started from now on. */
    void drain() {
        draining = true;
        failWaitingIfNoWorkerIsLeft();
    }

    /** Gives up on everything unanswered: stops every worker and undoes what it began. */
    void cancel() {
        List<WorkerProcess<I, O>> workers;
        List<Pending<I, O>> unanswered = new ArrayList<>();
        synchronized (lock) {
            cancelled = true;
            workers = List.copyOf(live);
            live.clear();
            for (WorkerProcess<I, O> worker : workers) {
                worker.dead = true;
                worker.kill();
                unanswered.addAll(worker.releaseAll());
            }
            unanswered.addAll(waiting);
            waiting.clear();
            waitingCount.set(0);
        }
        workers.forEach(WorkerProcess::killAndWait);
        for (Pending<I, O> pending : unanswered) {
            if (pending.sequence > 0) {
                abandon(pending);
            }
            pending.reply.completeExceptionally(new CancellationException("stopped: the run is stopping"));
        }
    }

    /** Undoes what a dead worker may have begun for a request (its staged output, say). */
    private void abandon(Pending<I, O> pending) {
        try {
            stage.abandon().accept(settings, pending.input);
        } catch (RuntimeException e) {
            logSink.line("worker-" + stage.name(), "WARN cannot undo request " + pending.id + ": " + e.getMessage());
        }
    }

    void warn(String message) {
        logSink.line("worker-" + stage.name(), "WARN " + message);
    }

    /** The runner is broken when its workers cannot be kept running; null while it works. */
    RuntimeException broken() {
        return broken;
    }

    List<WorkerProcess<I, O>> live() {
        return List.copyOf(live);
    }

    /** Asks each worker to exit (end of its stdin) and waits up to ten seconds for it; kills the rest. */
    void closeWorkers() throws InterruptedException {
        closing = true;
        List<WorkerProcess<I, O>> workers = live();
        for (WorkerProcess<I, O> worker : workers) {
            try {
                worker.writer.close();
            } catch (IOException alreadyGone) {
                // it is exiting anyway
            }
        }
        for (WorkerProcess<I, O> worker : workers) {
            if (!worker.process.waitFor(10, TimeUnit.SECONDS)) {
                worker.killAndWait();
            }
        }
        starts.shutdownNow();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
