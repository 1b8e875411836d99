package io.filemill.pipeline.stage;

import io.filemill.pipeline.wire.FrameReader;
import io.filemill.pipeline.wire.FrameType;
import io.filemill.pipeline.wire.FrameWriter;
import io.filemill.pipeline.wire.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM and the requests it holds. A worker answers in the order it was sent requests, so
 * the request it is working on is the one sent first of those not yet answered, and it began that
 * one no earlier than its last reply arrived.
 *
 * <p>Requests are written at once but flushed only while the worker holds fewer than
 * {@value #FLUSH_BELOW} flushed requests; the rest go out together when a reply brings it below
 * that. A busy worker so gets its requests a few at a time, in one write and one wake-up, and an
 * idle one gets each at once. A buffered request waits for nothing but the worker's replies, and the
 * request the worker is working on is always one it has been sent.
 */
final class WorkerProcess<I, O> {

    /** While a worker holds fewer flushed requests than this, each request is flushed as it is written. */
    static final int FLUSH_BELOW = 4;

    final String name;
    final Process process;
    final FrameWriter writer;
    final FrameReader reader;
    private final Map<Long, Pending<I, O>> inFlight = new ConcurrentHashMap<>();
    private long sequence; // guarded by writer
    private int flushed; // requests sent, flushed and not yet answered or handed back; guarded by writer
    private int buffered; // requests written but not flushed; guarded by writer
    private volatile long lastReplyNanos;
    volatile boolean dead;
    volatile String lastLogLine;

    WorkerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.writer = new FrameWriter(process.getOutputStream());
        this.reader = new FrameReader(process.getInputStream());
        this.lastReplyNanos = System.nanoTime();
    }

    /** Counts the request as this worker's; call before {@link #send}, under the pool's lock. */
    void hold(Pending<I, O> pending) {
        pending.sequence = 0;
        pending.recalled = false;
        inFlight.put(pending.id, pending);
    }

    /** Writes a held request to the worker. */
    void send(Pending<I, O> pending, byte[] payload) throws IOException {
        synchronized (writer) {
            pending.sequence = ++sequence;
            pending.sentNanos = System.nanoTime();
            writer.write(FrameType.REQUEST, payload);
            buffered++;
            if (flushed < FLUSH_BELOW) {
                flush();
            }
        }
    }

    /** Flushes what was written; guarded by writer. */
    private void flush() throws IOException {
        writer.flush();
        flushed += buffered;
        buffered = 0;
    }

    /**
     * The worker answered or handed back a flushed request: once it holds fewer than
     * {@value #FLUSH_BELOW}, the requests written since go out.
     */
    private void settled() throws IOException {
        synchronized (writer) {
            flushed--;
            if (buffered > 0 && flushed < FLUSH_BELOW) {
                flush();
            }
        }
    }

    /**
     * A request the worker handed back unstarted, no longer held; null when it holds no such request.
     *
     * @throws IOException when the requests written since cannot be flushed: the worker is gone
     */
    Pending<I, O> handedBack(long id) throws IOException {
        Pending<I, O> pending = inFlight.remove(id);
        if (pending != null) {
            settled();
        }
        return pending;
    }

    /** Asks the worker to hand back every request it holds behind the one it is working on. */
    void recallQueued() throws IOException {
        Pending<I, O> current = current(inFlight.values());
        synchronized (writer) {
            for (Pending<I, O> pending : inFlight.values()) {
                if (pending != current && pending.sequence > 0 && !pending.recalled) {
                    pending.recalled = true;
                    writer.write(FrameType.RECALL, Messages.id(pending.id));
                }
            }
            flush();
        }
    }

    /** Whether the worker has been on its current request for longer than {@code nanos}. */
    boolean stalledFor(long nanos, long now) {
        long since = busySince();
        return since >= 0 && now - since > nanos;
    }

    /**
     * The request a reply answers, no longer held; null when this worker holds no such request.
     *
     * @throws IOException when the requests written since cannot be flushed: the worker is gone
     */
    Pending<I, O> answered(long id) throws IOException {
        lastReplyNanos = System.nanoTime();
        Pending<I, O> pending = inFlight.remove(id);
        if (pending != null) {
            settled();
        }
        return pending;
    }

    int load() {
        return inFlight.size();
    }

    boolean idle() {
        return inFlight.isEmpty();
    }

    /**
     * Takes every request this worker holds, to hand them elsewhere. Each is claimed atomically, so a
     * reply read at the same moment either answers a request or finds it gone, never both.
     */
    List<Pending<I, O>> releaseAll() {
        List<Pending<I, O>> all = new ArrayList<>();
        for (Long id : inFlight.keySet()) {
            Pending<I, O> pending = inFlight.remove(id);
            if (pending != null) {
                all.add(pending);
            }
        }
        return all;
    }

    /** The request the worker is working on: the first one it was sent of those it holds; null if none. */
    static <I, O> Pending<I, O> current(Iterable<Pending<I, O>> held) {
        Pending<I, O> first = null;
        for (Pending<I, O> pending : held) {
            if (pending.sequence > 0 && (first == null || pending.sequence < first.sequence)) {
                first = pending;
            }
        }
        return first;
    }

    /** Nanos (on the {@link System#nanoTime} clock) since when the worker has been on its current request; -1 if idle. */
    long busySince() {
        Pending<I, O> current = current(inFlight.values()); // asked on every dispatch: no copy
        return current == null ? -1 : Math.max(current.sentNanos, lastReplyNanos);
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Kills the worker and waits (at most five seconds) until it is gone. */
    void killAndWait() {
        kill();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** " with code N" once the process has exited (waiting up to half a second), else "". */
    String exitDescription() {
        try {
            if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
                return " with code " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Asks each worker to exit (closes its stdin), waits up to {@code seconds} for each, and kills the rest. */
    static void closeAll(List<? extends WorkerProcess<?, ?>> workers, long seconds) throws InterruptedException {
        for (WorkerProcess<?, ?> worker : workers) {
            try {
                worker.writer.close();
            } catch (IOException alreadyGone) {
                // it is exiting anyway
            }
        }
        for (WorkerProcess<?, ?> worker : workers) {
            if (!worker.process.waitFor(seconds, TimeUnit.SECONDS)) {
                worker.killAndWait();
            }
        }
    }
}
