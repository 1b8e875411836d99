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
     * @return the reply, completed on a runner thread; completed exceptionally when the stage threw
     */
    CompletableFuture<O> submit(I input) throws InterruptedException;

    /** Waits until every submitted request has its reply, then stops the workers. */
    @Override
    void close() throws InterruptedException;
}
