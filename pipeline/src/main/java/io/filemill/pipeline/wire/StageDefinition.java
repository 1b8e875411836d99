package io.filemill.pipeline.wire;

import io.filemill.pipeline.deliver.Deliverer;
import io.filemill.pipeline.deliver.DeliverySettings;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.stage.Stage;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Everything that lets a stage run in another JVM: its name, the codecs of its settings, requests
 * and replies, how to build it from its settings, and the reply to give for a request that keeps
 * killing workers.
 *
 * @param crashReply the reply for a request given up on, from the request and the reason
 * @param abandon    undoes what a worker killed while on a request may have begun for it, from the
 *                   stage's settings and the request; run once the worker is surely gone
 */
public record StageDefinition<S, I, O>(String name, Codec<S> settings, Codec<I> request, Codec<O> reply,
                                       Function<S, Stage<I, O>> factory, BiFunction<I, String, O> crashReply,
                                       BiConsumer<S, I> abandon) {

    /** The version of the frame protocol; both sides must speak the same. */
    public static final int PROTOCOL_VERSION = 4;

    public StageDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(abandon, "abandon");
    }

    /** A stage whose requests leave nothing to undo when a worker dies on them. */
    public StageDefinition(String name, Codec<S> settings, Codec<I> request, Codec<O> reply,
                           Function<S, Stage<I, O>> factory, BiFunction<I, String, O> crashReply) {
        this(name, settings, request, reply, factory, crashReply, (stageSettings, input) -> { });
    }

    public static final StageDefinition<RetitleSettings, FileTask, RetitleResult> RETITLE = new StageDefinition<>(
            "retitle", Codecs.RETITLE_SETTINGS, Codecs.FILE_TASK, Codecs.RETITLE_RESULT,
            settings -> new Retitler(settings)::retitle,
            (task, reason) -> new RetitleResult.Rejected(task, reason),
            Retitler::discardStaged);

    /** A deliver batch given up on leaves its files in the inbox (or where its journal says they went). */
    public static final StageDefinition<DeliverySettings, DeliveryBatch, List<Outcome>> DELIVER = new StageDefinition<>(
            "deliver", Codecs.DELIVERY_SETTINGS, Codecs.DELIVERY_BATCH, Codecs.OUTCOMES,
            settings -> new Deliverer(settings)::deliver,
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
                for (StageProvider provider : java.util.ServiceLoader.load(StageProvider.class)) {
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
