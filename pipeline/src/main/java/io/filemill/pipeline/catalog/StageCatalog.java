package io.filemill.pipeline.catalog;

import io.filemill.pipeline.deliver.Deliverer;
import io.filemill.pipeline.deliver.DeliverySettings;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.stage.StageDefinition;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult;
import io.filemill.pipeline.wire.Codecs;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The stages a worker JVM can build, by name: filemill's two ({@link #RETITLE}, {@link #DELIVER})
 * and any a {@link StageProvider} contributes.
 */
public final class StageCatalog {

    private StageCatalog() {
    }

    public static final StageDefinition<RetitleSettings, FileTask, RetitleResult> RETITLE = new StageDefinition<>(
            "retitle", Codecs.RETITLE_SETTINGS, Codecs.FILE_TASK, Codecs.RETITLE_RESULT,
            settings -> new Retitler(settings)::retitle,
            (task, reason) -> new RetitleResult.Rejected(task, reason),
            Retitler::discardStaged);

    /** A deliver batch given up on leaves its files in the inbox (or where its journal says they went). */
    public static final StageDefinition<DeliverySettings, DeliveryBatch, List<Outcome>> DELIVER = new StageDefinition<>(
            "deliver", Codecs.DELIVERY_SETTINGS, Codecs.DELIVERY_BATCH, Codecs.OUTCOMES,
            Deliverer::new,
            (batch, reason) -> batch.results().stream()
                    .<Outcome>map(r -> Outcome.Failed.leftInInbox(r.task(), reason + "; left in the inbox"))
                    .toList());

    /** The built-in stage of that name, else one a {@link StageProvider} contributes, else null. */
    public static StageDefinition<?, ?, ?> byName(String name) {
        switch (name) {
            case "retitle":
                return RETITLE;
            case "deliver":
                return DELIVER;
            default:
                for (StageProvider provider : ServiceLoader.load(StageProvider.class)) {
                    for (StageDefinition<?, ?, ?> stage : provider.stages()) {
                        if (stage.name().equals(name)) {
                            return stage;
                        }
                    }
                }
                return null;
        }
    }
}
