package io.filemill.pipeline.stage;

/** Receives each line a worker writes to stderr, with the worker's name, such as {@code worker-retitle-2}. */
@FunctionalInterface
public interface WorkerLogSink {

    void line(String workerName, String line);
}
