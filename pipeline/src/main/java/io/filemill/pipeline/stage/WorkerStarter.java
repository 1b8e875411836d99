package io.filemill.pipeline.stage;

import io.filemill.pipeline.concurrent.Threads;
import io.filemill.pipeline.wire.Frame;
import io.filemill.pipeline.wire.FrameType;
import io.filemill.pipeline.wire.MalformedFrameException;
import io.filemill.pipeline.wire.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Starts worker JVMs: launches one, forwards its stderr to the log, sends HELLO and waits (up to
 * the start timeout) for READY; from then on the worker's own reader thread reads its replies.
 */
final class WorkerStarter<I, O> {

    private final String stageName;
    private final byte[] hello;
    private final WorkerCommand command;
    private final Duration startTimeout;
    private final WorkerLogSink logSink;
    private final AtomicInteger numbers = new AtomicInteger();
    private final List<Duration> startupTimes = new CopyOnWriteArrayList<>();
    private final List<WorkerProcess<I, O>> everStarted = new CopyOnWriteArrayList<>();

    WorkerStarter(String stageName, byte[] hello, WorkerCommand command, Duration startTimeout, WorkerLogSink logSink) {
        this.stageName = stageName;
        this.hello = hello;
        this.command = command;
        this.startTimeout = startTimeout;
        this.logSink = logSink;
    }

    /**
     * Starts one worker and waits for its READY.
     *
     * @param replies reads the worker's replies once it is ready, on a thread of the worker's own
     * @throws WorkerPoolException when it cannot be started or does not become ready in time
     */
    WorkerProcess<I, O> start(Consumer<WorkerProcess<I, O>> replies) {
        String name = "worker-" + stageName + "-" + numbers.incrementAndGet();
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command.forWorker(stageName, name)).start();
        } catch (IOException e) {
            throw new WorkerPoolException("cannot start " + name + ": " + e.getMessage(), e);
        }
        WorkerProcess<I, O> worker = new WorkerProcess<>(name, process);
        everStarted.add(worker);
        pumpStderr(worker);
        CompletableFuture<Frame> ready = new CompletableFuture<>();
        Threads.startDaemon(name + "-reader", () -> {
            try {
                ready.complete(worker.reader.read());
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
                return;
            }
            replies.accept(worker);
        });
        try {
            worker.writer.writeAndFlush(FrameType.HELLO, hello);
            Frame frame = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null || frame.type() != FrameType.READY) {
                throw new MalformedFrameException("expected READY, got " + (frame == null ? "end of stream" : frame.type()));
            }
            Messages.readReady(frame.payload());
        } catch (TimeoutException e) {
            throw notReady(worker, "no READY within " + startTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw notReady(worker, e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notReady(worker, "interrupted while starting", e);
        } catch (IOException | RuntimeException e) {
            throw notReady(worker, e.getMessage(), e);
        }
        startupTimes.add(Duration.ofNanos(System.nanoTime() - started));
        return worker;
    }

    private WorkerPoolException notReady(WorkerProcess<I, O> worker, String why, Throwable cause) {
        worker.dead = true;
        worker.killAndWait();
        String said = worker.lastLogLine == null ? "" : "; it said: " + worker.lastLogLine;
        return new WorkerPoolException(worker.name + " did not become ready: " + why + worker.exitDescription() + said,
                cause);
    }

    private void pumpStderr(WorkerProcess<I, O> worker) {
        Threads.startDaemon(worker.name + "-stderr", () -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(worker.process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    worker.lastLogLine = line;
                    logSink.line(worker.name, line);
                }
            } catch (IOException ended) {
                // the worker is gone; its reader handles that
            }
        });
    }

    /** How long each worker took from launch to READY, in start order. */
    List<Duration> startupTimes() {
        return List.copyOf(startupTimes);
    }

    /** Every worker started, alive or not. */
    List<WorkerProcess<I, O>> everStarted() {
        return List.copyOf(everStarted);
    }
}
