package io.filemill.pipeline.stage;

import java.util.concurrent.CompletableFuture;

/**
 * Runs a stage with several workers. {@link #submit} blocks while the runner's window of requests
 * in flight is full, which is how back pressure travels up the pipeline. Thread mode and process
 * mode are two implementations of this one contract.
 */
public interface StageRunner<I, O> extends AutoCloseable {

    /**
     * Hands a request to a worker; blocks while the window is full.
     *
     * @return the reply, completed on a runner thread; completed exceptionally when the stage threw.
     * Callbacks on it must not block: they may run on the thread that reads a worker's replies.
     */
    CompletableFuture<O> submit(I input) throws InterruptedException;

    /**
     * A stop has begun: no worker is started from now on. Requests in flight still get their
     * replies (from the workers still alive), so this returns at once.
     */
    default void drain() {
    }

    /**
     * Gives up on every request not yet answered: each completes exceptionally with a
     * {@link java.util.concurrent.CancellationException}, and what was begun for it is undone (a
     * worker is stopped, its staged output removed). Returns promptly; {@link #close} still follows.
     */
    void cancel();

    /** Waits until every submitted request has its reply, then stops the workers. */
    @Override
    void close() throws InterruptedException;
}
