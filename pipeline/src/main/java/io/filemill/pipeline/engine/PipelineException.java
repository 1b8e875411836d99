package io.filemill.pipeline.engine;

import java.io.IOException;

/** A stage failed as a whole and the run stopped; files it did not finish are still in the inbox. */
public final class PipelineException extends IOException {

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
