package io.filemill.pipeline.stage;

import io.filemill.pipeline.measure.ProcessUsage;
import io.filemill.pipeline.measure.WireTraffic;
import io.filemill.pipeline.wire.Frame;
import io.filemill.pipeline.wire.FrameReader;
import io.filemill.pipeline.wire.FrameType;
import io.filemill.pipeline.wire.FrameWriter;
import io.filemill.pipeline.wire.MalformedFrameException;
import io.filemill.pipeline.wire.Messages;
import io.filemill.pipeline.wire.StageDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a stage in N worker JVMs that talk to this one over their stdin and stdout. Each request
 * goes to the worker with the fewest requests in flight; at most {@code window} requests are in
 * flight per worker, and {@link #submit} blocks beyond that.
 *
 * <p>A worker that dies, sends a malformed frame or runs past the task timeout is killed and
 * replaced, and the requests it had in flight are sent to other workers. A worker answers its
 * requests in order, so only the oldest of them can have taken it down: that one is charged, and a
 * request charged {@link Supervision#maxAttempts()} times gets the stage's crash reply. More than
 * {@link Supervision#maxRestarts()} restarts within {@link Supervision#restartPeriod()} break the
 * runner: every waiting request fails with a {@link WorkerPoolException}. No worker outlives the
 * runner: {@link #close} ends them, and a worker whose parent dies sees end of input and exits.
 */
public final class ProcessStageRunner<S, I, O> implements StageRunner<I, O> {

    /** The reason a request given up on is recorded with. */
    public static final String CRASH_REASON = "worker crashed while processing";

    private final StageDefinition<S, I, O> stage;
    private final byte[] hello;
    private final WorkerCommand command;
    private final Supervision supervision;
    private final WorkerLogSink logSink;
    private final Semaphore slots;
    private final int window;
    private final Object lock = new Object();
    private final List<WorkerProcess> live = new CopyOnWriteArrayList<>();
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private final Deque<Long> restarts = new ArrayDeque<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private final List<Duration> startupTimes = new CopyOnWriteArrayList<>();
    private final List<WorkerProcess> everStarted = new CopyOnWriteArrayList<>();
    private final List<ProcessUsage> usage = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watchdog;
    private final Thread shutdownHook;
    private volatile RuntimeException broken;
    private volatile boolean closing;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

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
        this.stage = stage;
        this.hello = Messages.hello(stage, settings);
        this.command = command;
        this.supervision = supervision;
        this.logSink = logSink;
        this.window = window;
        this.slots = new Semaphore(workers * window);
        this.shutdownHook = new Thread(this::onJvmExit, "stop-" + stage.name() + "-workers");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "watchdog-" + stage.name());
            thread.setDaemon(true);
            return thread;
        });
        List<CompletableFuture<WorkerProcess>> starting = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            starting.add(CompletableFuture.supplyAsync(this::launchRetrying));
        }
        Throwable failure = null;
        for (CompletableFuture<WorkerProcess> worker : starting) {
            try {
                live.add(worker.join());
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    broken = new WorkerPoolException("cannot start " + stage.name() + " workers", failure);
                }
            }
        }
        if (failure != null) {
            // every start attempt has settled (the others stop retrying once the runner is broken)
            live.forEach(WorkerProcess::killAndWait);
            live.clear();
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            watchdog.shutdownNow();
            throw new WorkerPoolException("cannot start " + stage.name() + " workers: " + failure.getMessage(), failure);
        }
        long period = Math.max(100, supervision.taskTimeout().toMillis() / 4);
        watchdog.scheduleWithFixedDelay(this::killOverdueWorkers, period, period, TimeUnit.MILLISECONDS);
    }

    /** How long each worker took from launch to READY, in start order. */
    public List<Duration> startupTimes() {
        return List.copyOf(startupTimes);
    }

    /**
     * The frames and bytes sent to and received from every worker this runner started, including
     * workers that died and were replaced.
     */
    public WireTraffic traffic() {
        WireTraffic total = WireTraffic.NONE;
        for (WorkerProcess worker : everStarted) {
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
        return List.copyOf(usage);
    }

    /** The pids of the workers alive now. */
    public List<Long> workerPids() {
        return live.stream().map(w -> w.process.pid()).toList();
    }

    @Override
    public CompletableFuture<O> submit(I input) throws InterruptedException {
        RuntimeException failure = broken;
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        slots.acquire();
        Pending pending = new Pending(requestIds.incrementAndGet(), input);
        pending.reply.whenComplete((value, error) -> slots.release());
        dispatch(pending);
        return pending.reply;
    }

    private void dispatch(Pending pending) {
        WorkerProcess worker;
        synchronized (lock) {
            if (broken != null) {
                pending.reply.completeExceptionally(broken);
                return;
            }
            worker = null;
            for (WorkerProcess candidate : live) {
                if (!candidate.dead && (worker == null || candidate.inFlight.size() < worker.inFlight.size())) {
                    worker = candidate;
                }
            }
            if (worker == null || worker.inFlight.size() >= window * 2) {
                waiting.add(pending); // every worker is being replaced: wait for one
                return;
            }
            pending.sentNanos = System.nanoTime();
            worker.inFlight.put(pending.id, pending);
        }
        try {
            worker.writer.writeAndFlush(FrameType.REQUEST, Messages.numbered(pending.id, stage.request(), pending.input));
        } catch (IOException | RuntimeException e) {
            died(worker, "cannot write to it: " + e.getMessage());
        }
    }

    /**
     * Starts a worker, trying again when it dies before it is ready; each failed start counts as a
     * restart, so a worker that can never start fails the runner quickly, with its own words.
     */
    private WorkerProcess launchRetrying() {
        while (true) {
            if (broken != null) {
                throw new WorkerPoolException("not starting a " + stage.name() + " worker: the runner is broken", broken);
            }
            try {
                return launch();
            } catch (WorkerPoolException e) {
                synchronized (lock) {
                    if (broken != null || countRestart() > supervision.maxRestarts()) {
                        throw e;
                    }
                }
                logSink.line("worker-" + stage.name(), "WARN " + e.getMessage() + "; starting another");
            }
        }
    }

    /** Called holding the lock: records a restart and returns how many fall within the period. */
    private int countRestart() {
        long now = System.nanoTime();
        restarts.add(now);
        while (!restarts.isEmpty() && now - restarts.peekFirst() > supervision.restartPeriod().toNanos()) {
            restarts.removeFirst();
        }
        return restarts.size();
    }

    /** Starts one worker and waits for its READY. */
    private WorkerProcess launch() {
        String name = "worker-" + stage.name() + "-" + workerNumbers.incrementAndGet();
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command.forWorker(name)).start();
        } catch (IOException e) {
            throw new WorkerPoolException("cannot start " + name + ": " + e.getMessage(), e);
        }
        WorkerProcess worker = new WorkerProcess(name, process);
        everStarted.add(worker);
        pumpStderr(worker);
        try {
            worker.writer.writeAndFlush(FrameType.HELLO, hello);
            Frame ready = readWithTimeout(worker, supervision.startTimeout());
            if (ready == null || ready.type() != FrameType.READY) {
                throw new MalformedFrameException("expected READY, got " + (ready == null ? "end of stream" : ready.type()));
            }
            Messages.readReady(ready.payload());
        } catch (IOException | RuntimeException e) {
            worker.killAndWait();
            String exit = exitDescription(worker);
            String said = worker.lastLogLine == null ? "" : "; it said: " + worker.lastLogLine;
            throw new WorkerPoolException(name + " did not become ready: " + e.getMessage() + exit + said, e);
        }
        startupTimes.add(Duration.ofNanos(System.nanoTime() - started));
        Thread reader = new Thread(() -> readReplies(worker), name + "-reader");
        reader.setDaemon(true);
        reader.start();
        return worker;
    }

    private Frame readWithTimeout(WorkerProcess worker, Duration timeout) throws IOException {
        CompletableFuture<Frame> frame = CompletableFuture.supplyAsync(() -> {
            try {
                return worker.reader.read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return frame.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            worker.kill();
            throw new IOException("no READY within " + timeout.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + worker.name);
        }
    }

    private void readReplies(WorkerProcess worker) {
        String cause;
        try {
            for (Frame frame; (frame = worker.reader.read()) != null; ) {
                switch (frame.type()) {
                    case REPLY -> {
                        Messages.Numbered<O> reply = Messages.readNumbered(frame.payload(), stage.reply());
                        Pending pending = worker.inFlight.remove(reply.id());
                        if (pending == null) {
                            throw new MalformedFrameException("reply to unknown request " + reply.id());
                        }
                        pending.reply.complete(reply.value());
                    }
                    case FAILURE -> {
                        Messages.Numbered<String> failure = Messages.readFailure(frame.payload());
                        Pending pending = worker.inFlight.remove(failure.id());
                        if (pending == null) {
                            throw new MalformedFrameException("failure of unknown request " + failure.id());
                        }
                        pending.reply.completeExceptionally(new StageFailedException(failure.value()));
                    }
                    default -> throw new MalformedFrameException("unexpected " + frame.type() + " frame");
                }
            }
            cause = "exited" + exitDescription(worker);
        } catch (MalformedFrameException e) {
            cause = "sent a malformed frame (" + e.getMessage() + ")";
        } catch (IOException e) {
            cause = "broke its pipe (" + e.getMessage() + ")" + exitDescription(worker);
        }
        died(worker, cause);
    }

    private String exitDescription(WorkerProcess worker) {
        try {
            if (worker.process.waitFor(500, TimeUnit.MILLISECONDS)) {
                return " with code " + worker.process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Handles the end of a worker: kill it, retry or give up its requests, replace it. */
    private void died(WorkerProcess worker, String cause) {
        List<Pending> orphans;
        boolean replace;
        synchronized (lock) {
            if (worker.dead) {
                return;
            }
            worker.dead = true;
            live.remove(worker);
            worker.kill();
            orphans = new ArrayList<>(worker.inFlight.values());
            worker.inFlight.clear();
            boolean expected = closing && orphans.isEmpty();
            if (expected) {
                return;
            }
            logSink.line(worker.name, "ERROR " + worker.name + " " + cause + " with " + orphans.size()
                    + " requests in flight; replacing it");
            int recent = countRestart();
            if (recent > supervision.maxRestarts()) {
                breakPool(new WorkerPoolException(stage.name() + " workers restarted " + recent
                        + " times within " + supervision.restartPeriod().toSeconds() + " s; last: " + worker.name
                        + " " + cause, null), orphans);
                return;
            }
            replace = true;
        }
        // a worker answers its requests one at a time, in order: only the oldest one can have taken
        // it down; the ones queued behind it are sent elsewhere without blame
        Pending culprit = orphans.stream().min(java.util.Comparator.comparingLong(p -> p.sentNanos)).orElse(null);
        for (Pending orphan : orphans) {
            if (orphan == culprit && ++orphan.attempts >= supervision.maxAttempts()) {
                orphan.reply.complete(stage.crashReply().apply(orphan.input, CRASH_REASON));
            } else {
                dispatch(orphan);
            }
        }
        if (replace) {
            CompletableFuture.runAsync(this::replaceWorker);
        }
    }

    private void replaceWorker() {
        try {
            WorkerProcess worker = launchRetrying();
            List<Pending> ready;
            synchronized (lock) {
                if (broken != null) {
                    worker.killAndWait();
                    return;
                }
                live.add(worker);
                ready = new ArrayList<>(waiting);
                waiting.clear();
            }
            ready.forEach(this::dispatch);
        } catch (RuntimeException e) {
            synchronized (lock) {
                breakPool(new WorkerPoolException("cannot replace a " + stage.name() + " worker: "
                        + rootMessage(e), e), List.of());
            }
        }
    }

    /** Called holding the lock: fails everything not yet answered. */
    private void breakPool(RuntimeException failure, Collection<Pending> orphans) {
        broken = failure;
        logSink.line("worker-" + stage.name(), "ERROR " + failure.getMessage());
        orphans.forEach(p -> p.reply.completeExceptionally(failure));
        waiting.forEach(p -> p.reply.completeExceptionally(failure));
        waiting.clear();
    }

    private void killOverdueWorkers() {
        long limit = supervision.taskTimeout().toNanos();
        long now = System.nanoTime();
        for (WorkerProcess worker : live) {
            for (Pending pending : worker.inFlight.values()) {
                if (now - pending.sentNanos > limit) {
                    died(worker, "ran past the task timeout of " + supervision.taskTimeout().toMillis() + " ms");
                    break;
                }
            }
        }
    }

    private void pumpStderr(WorkerProcess worker) {
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(worker.process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    worker.lastLogLine = line;
                    logSink.line(worker.name, line);
                }
            } catch (IOException ended) {
                // the worker is gone; its reader handles that
            }
        }, worker.name + "-stderr");
        pump.setDaemon(true);
        pump.start();
    }

    /** Waits for every request to be answered, then closes each worker's stdin and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        waitForAnswers();
        closing = true;
        for (WorkerProcess worker : live) {
            usage.add(ProcessUsage.of(worker.process.toHandle()));
            try {
                worker.writer.close();
            } catch (IOException alreadyGone) {
                // it is exiting anyway
            }
        }
        for (WorkerProcess worker : live) {
            if (!worker.process.waitFor(10, TimeUnit.SECONDS)) {
                worker.killAndWait();
            }
        }
        watchdog.shutdownNow();
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void waitForAnswers() throws InterruptedException {
        while (true) {
            boolean idle;
            synchronized (lock) {
                idle = waiting.isEmpty() && live.stream().allMatch(w -> w.inFlight.isEmpty());
            }
            if (idle) {
                return;
            }
            Thread.sleep(10);
        }
    }

    /**
     * The JVM is exiting (SIGTERM, Ctrl-C): an orderly stop closes the runner soon, so wait a little
     * for that; then no worker may stay behind.
     */
    private void onJvmExit() {
        try {
            closed.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killAll();
    }

    private void killAll() {
        for (WorkerProcess worker : live) {
            worker.kill();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private final class Pending {
        final long id;
        final I input;
        final CompletableFuture<O> reply = new CompletableFuture<>();
        volatile long sentNanos;
        int attempts;

        Pending(long id, I input) {
            this.id = id;
            this.input = input;
        }
    }

    private final class WorkerProcess {
        final String name;
        final Process process;
        final FrameWriter writer;
        final FrameReader reader;
        final Map<Long, Pending> inFlight = new ConcurrentHashMap<>();
        volatile boolean dead;
        volatile String lastLogLine;

        WorkerProcess(String name, Process process) {
            this.name = name;
            this.process = process;
            this.writer = new FrameWriter(process.getOutputStream());
            this.reader = new FrameReader(process.getInputStream());
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        /** Kills the worker and waits (briefly) until it is gone. */
        void killAndWait() {
            kill();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
