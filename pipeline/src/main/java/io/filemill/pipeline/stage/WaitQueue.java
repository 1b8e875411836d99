package io.filemill.pipeline.stage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Requests that found no worker with room (every one stalled, full or being replaced), in arrival
 * order. Thread-safe; {@link #isEmpty} is cheap enough to ask after every reply.
 */
final class WaitQueue<I, O> {

    private final Deque<Pending<I, O>> waiting = new ArrayDeque<>();
    private volatile int size;

    synchronized void add(Pending<I, O> pending) {
        waiting.add(pending);
        size = waiting.size();
    }

    /** Takes every waiting request, oldest first. */
    synchronized List<Pending<I, O>> takeAll() {
        List<Pending<I, O>> all = List.copyOf(waiting);
        waiting.clear();
        size = 0;
        return all;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
