package io.filemill.pipeline.stage;

import java.util.concurrent.CompletableFuture;

/** One request of a process runner, from submit to reply, across the workers it may pass through. */
final class Pending<I, O> {

    final long id;
    final I input;
    final CompletableFuture<O> reply = new CompletableFuture<>();
    /** Order in which the current worker was sent this request; 0 while it is not yet written. */
    volatile long sequence;
    volatile long sentNanos;
    /** Whether the current worker was asked to hand it back. */
    volatile boolean recalled;
    /** How many workers died while this request was the one they were working on; guarded by the pool. */
    int attempts;

    Pending(long id, I input) {
        this.id = id;
        this.input = input;
    }
}
