package io.filemill.pipeline.stage;

import java.util.List;

/** The command line that starts one worker JVM (java, options, class path, main class). */
@FunctionalInterface
public interface WorkerCommand {

    /** The command line of the worker {@code workerName}, which will serve the stage {@code stageName}. */
    List<String> forWorker(String stageName, String workerName);
}
