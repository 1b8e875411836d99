package io.filemill.pipeline.deliver;

import io.filemill.pipeline.concurrent.Threads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a batch's independent file-system calls several at a time, on threads kept for the run (a
 * batch of a few files would otherwise start and stop a pool of its own). Worth it for calls that
 * wait for the disk rather than the CPU: forcing a file, and deleting one where the file system
 * discards the freed blocks synchronously (ext4 mounted with {@code discard}, as on this project's
 * machines, where one unlink of a delivered file's original waits about 0.2 ms for the device).
 * The calling thread takes part; the others take the next item from a shared counter, so a batch
 * costs a handful of thread handoffs, not one per file. Thread-safe: concurrent batches share the
 * threads.
 */
final class ParallelIo implements AutoCloseable {

    /** One call on one item. */
    @FunctionalInterface
    interface Call<T> {
        void run(T item) throws IOException;
    }

    /** How long an idle thread waits for the next batch before it ends. */
    private static final long IDLE_SECONDS = 5;

    private final int threads;
    private final ThreadPoolExecutor pool;

    /** Runs at most {@code threads} calls at a time. */
    ParallelIo(int threads, String name) {
        if (threads < 2) {
            throw new IllegalArgumentException("at least two calls at a time, not " + threads);
        }
        this.threads = threads;
        pool = new ThreadPoolExecutor(threads - 1, threads - 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Threads.daemon(name));
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code call} on every item and returns, by item, what each threw (null where it
     * succeeded); every call has ended when it returns. An unchecked exception of a call ends the
     * batch and is rethrown once the calls under way have ended.
     *
     * @throws InterruptedIOException when interrupted: the calls under way are interrupted, and
     *                                nothing may be taken as done
     */
    <T> List<IOException> each(List<T> items, Call<T> call) throws InterruptedIOException {
        IOException[] failures = new IOException[items.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable share = () -> {
            for (int i; (i = next.getAndIncrement()) < items.size(); ) {
                try {
                    call.run(items.get(i));
                } catch (IOException e) {
                    failures[i] = e;
                } catch (RuntimeException | Error e) {
                    next.set(items.size()); // a bug: the others take nothing more
                    throw e;
                }
            }
        };
        int helpers = Math.min(threads, items.size()) - 1;
        List<Future<?>> helping = new ArrayList<>(Math.max(0, helpers));
        try {
            for (int h = 0; h < helpers; h++) {
                helping.add(pool.submit(share));
            }
        } catch (RejectedExecutionException closed) {
            helping.forEach(future -> future.cancel(true));
            throw new IllegalStateException("file calls made after the deliver stage closed", closed);
        }
        RuntimeException broke = null;
        try {
            share.run();
        } catch (RuntimeException e) {
            broke = e;
        }
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException(); // the caller's own calls were cut short
            }
            for (Future<?> future : helping) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (broke == null) {
                        broke = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException("a file call failed unexpectedly", e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            next.set(items.size());
            helping.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for file calls");
        }
        if (broke != null) {
            throw broke;
        }
        return Arrays.asList(failures);
    }

    /** Ends the threads; a call under way is interrupted. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
