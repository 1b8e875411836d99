package io.filemill.pipeline.stage;

/**
 * One step of the pipeline: a function from a request to a reply. Per-file problems are part of the
 * reply; an exception means the stage itself could not work (for example, its journal directory
 * is unwritable). Implementations are thread-safe.
 */
@FunctionalInterface
public interface Stage<I, O> extends AutoCloseable {

    O run(I input) throws Exception;

    /** Releases what the stage keeps between requests; called once, after its last request. */
    @Override
    default void close() throws Exception {
    }
}
