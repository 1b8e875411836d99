package io.filemill.pipeline.stage;

import java.util.List;

/** The command line that starts one worker JVM (java, options, class path, main class). */
@FunctionalInterface
public interface WorkerCommand {

    List<String> forWorker(String workerName);
}
