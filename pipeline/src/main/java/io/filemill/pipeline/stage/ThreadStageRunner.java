package io.filemill.pipeline.stage;

import io.filemill.pipeline.concurrent.Threads;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a stage on a fixed pool of threads, with at most {@code workers + queued} requests in flight.
 * {@link #cancel} interrupts the threads: the stage notices at its next deadline check or
 * interruptible I/O and gives up on its request.
 */
public final class ThreadStageRunner<I, O> implements StageRunner<I, O> {

    private final Stage<I, O> stage;
    private final ExecutorService executor;
    private final Semaphore window;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param name    names the threads, {@code name-1} to {@code name-N}
     * @param workers how many threads run the stage
     * @param queued  how many requests may wait for a thread before {@link #submit} blocks
     */
    public ThreadStageRunner(String name, Stage<I, O> stage, int workers, int queued) {
        if (workers < 1 || queued < 0) {
            throw new IllegalArgumentException("workers must be at least 1 and queued at least 0");
        }
        this.stage = stage;
        this.executor = Executors.newFixedThreadPool(workers, Threads.numbered(name));
        this.window = new Semaphore(workers + queued);
    }

    @Override
    public CompletableFuture<O> submit(I input) throws InterruptedException {
        window.acquire();
        Request request = new Request(input);
        try {
            executor.execute(request);
        } catch (RuntimeException rejected) {
            window.release();
            if (executor.isShutdown()) {
                request.reply.completeExceptionally(new CancellationException("stopped: the run is stopping"));
                return request.reply;
            }
            throw rejected;
        }
        return request.reply;
    }

    @Override
    public void cancel() {
        for (Runnable neverStarted : executor.shutdownNow()) {
            ((Request) neverStarted).reply.completeExceptionally(
                    new CancellationException("stopped before it was processed"));
            window.release();
        }
    }

    /** Waits for the requests in flight, then closes the stage. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
            // requests still running: keep waiting, they always end (each has a deadline)
        }
        if (closed.compareAndSet(false, true)) {
            try {
                stage.close();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // what a stage keeps between requests holds no file of the run's (spare journals): leave it
                System.getLogger(ThreadStageRunner.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot close the stage: " + e);
            }
        }
    }

    /** One request and its reply; a request that never ran is answered by {@link #cancel}. */
    private final class Request implements Runnable {
        final I input;
        final CompletableFuture<O> reply = new CompletableFuture<>();

        Request(I input) {
            this.input = input;
        }

        @Override
        public void run() {
            try {
                reply.complete(stage.run(input));
            } catch (Throwable e) {
                reply.completeExceptionally(e);
            } finally {
                window.release();
            }
        }
    }
}
