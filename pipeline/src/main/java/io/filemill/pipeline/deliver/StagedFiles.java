package io.filemill.pipeline.deliver;

import io.filemill.pipeline.concurrent.Threads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Forcing a batch's staged files to disk, several at a time, on threads kept for the run (a batch
 * of a few files would otherwise start and stop a pool of threads of its own). Thread-safe:
 * concurrent batches share the threads.
 */
final class StagedFiles implements AutoCloseable {

    /** How long an idle forcing thread waits for the next batch before it ends. */
    private static final long IDLE_SECONDS = 5;

    private final ThreadPoolExecutor pool;

    /** Forces at most {@code threads} files at a time. */
    StagedFiles(int threads) {
        pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Threads.daemon("force"));
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Forces every file (contents and metadata) and returns those that could not be forced with the
     * reason; an empty map when all were. One file is forced by the calling thread.
     *
     * @throws InterruptedIOException when interrupted: nothing may then be taken as forced
     */
    Map<Path, IOException> forceAll(List<Path> files) throws InterruptedIOException {
        Map<Path, IOException> failures = new LinkedHashMap<>();
        if (files.size() <= 1) {
            for (Path file : files) {
                IOException failure = force(file);
                if (failure != null) {
                    failures.put(file, failure);
                }
            }
            return failures;
        }
        List<Future<IOException>> forced = new ArrayList<>(files.size());
        try {
            for (Path file : files) {
                forced.add(pool.submit(() -> force(file)));
            }
            for (int i = 0; i < files.size(); i++) {
                IOException failure = forced.get(i).get();
                if (failure != null) {
                    failures.put(files.get(i), failure);
                }
            }
            return failures;
        } catch (InterruptedException e) {
            forced.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while forcing staged files");
        } catch (ExecutionException e) {
            throw new IllegalStateException("forcing a staged file failed unexpectedly", e.getCause());
        } catch (RejectedExecutionException closed) {
            forced.forEach(future -> future.cancel(true));
            throw new IllegalStateException("staged files forced after the deliver stage closed", closed);
        }
    }

    /** Ends the forcing threads; a force under way is interrupted. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Forces one file; returns why it could not be, or null. */
    private static IOException force(Path file) {
        try {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (AccessDeniedException unreadable) {
                // a copy keeps its original's permissions, which may deny reading but allow writing
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
