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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Forcing a batch's staged files to disk, several at a time. */
final class StagedFiles {

    private StagedFiles() {
    }

    /**
     * Forces every file (contents and metadata), at most {@code threads} at a time, and returns
     * those that could not be forced with the reason; an empty map when all were.
     *
     * @throws InterruptedIOException when interrupted: nothing may then be taken as forced
     */
    static Map<Path, IOException> forceAll(List<Path> files, int threads) throws InterruptedIOException {
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
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), Threads.daemon("force"));
        try {
            List<Future<IOException>> forced = new ArrayList<>(files.size());
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
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while forcing staged files");
        } catch (ExecutionException e) {
            throw new IllegalStateException("forcing a staged file failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
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
