package io.filemill.app.worker;

import io.filemill.pipeline.stage.WorkerLogSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each line a worker writes to stderr into this JVM's log, under a logger named after the
 * worker ({@code io.filemill.worker.worker-retitle-2}), at the level the line starts with
 * ({@code ERROR}, {@code WARN}, {@code DEBUG}; anything else is INFO).
 */
final class WorkerLogForwarder implements WorkerLogSink {

    @Override
    public void line(String workerName, String line) {
        Logger log = LoggerFactory.getLogger("io.filemill.worker." + workerName);
        if (line.startsWith("ERROR ")) {
            log.error(line.substring(6));
        } else if (line.startsWith("WARN ")) {
            log.warn(line.substring(5));
        } else if (line.startsWith("DEBUG ")) {
            log.debug(line.substring(6));
        } else {
            log.info(line.startsWith("INFO ") ? line.substring(5) : line);
        }
    }
}
