package io.filemill.pipeline.engine;

import io.filemill.pipeline.stage.StageRunner;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult;
import java.util.List;
import java.util.Objects;

/** The two stage runners of a run; the pipeline closes them when the run ends. */
public record PipelineStages(StageRunner<FileTask, RetitleResult> retitle,
                             StageRunner<DeliveryBatch, List<Outcome>> deliver) {

    public PipelineStages {
        Objects.requireNonNull(retitle, "retitle");
        Objects.requireNonNull(deliver, "deliver");
    }
}
