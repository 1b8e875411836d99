package io.filemill.pipeline.stage;

import io.filemill.pipeline.wire.Codec;
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

    public StageDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(abandon, "abandon");
    }

    /** A stage whose requests leave nothing to undo when a worker dies on them. */
    public StageDefinition(String name, Codec<S> settings, Codec<I> request, Codec<O> reply,
                           Function<S, Stage<I, O>> factory, BiFunction<I, String, O> crashReply) {
        this(name, settings, request, reply, factory, crashReply, (stageSettings, input) -> { });
    }
}
