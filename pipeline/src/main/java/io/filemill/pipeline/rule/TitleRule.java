package io.filemill.pipeline.rule;

/** One step of a title rewrite. Implementations are stateless and thread-safe. */
@FunctionalInterface
interface TitleRule {

    /** Returns the rewritten title; never null. */
    String apply(String title, TitleContext context);
}
