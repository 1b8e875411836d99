package io.filemill.pipeline.deliver;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Forcing a batch's staged files to disk: with one sync of their file system, or each on its own, several at a time. */
final class StagedFiles {

    private StagedFiles() {
    }

    /**
     * Forces every file with one {@link FileSystemSync#sync} of {@code directory}, the directory that
     * holds them all, when {@code fileSystem} is not null; each file on its own on {@code io} when
     * it is null or the sync failed (so that the files that cannot be forced are named). Returns
     * those that could not be forced with the reason; an empty map when all were.
     *
     * @throws InterruptedIOException when interrupted: nothing may then be taken as forced
     */
    static Map<Path, IOException> forceAll(ParallelIo io, FileSystemSync fileSystem, Path directory, List<Path> files)
            throws InterruptedIOException {
        if (fileSystem != null && !files.isEmpty()) {
            try {
                fileSystem.sync(directory);
                return Map.of();
            } catch (IOException whichFilesIsNotKnown) {
                // each file on its own below: the ones that fail are named
            }
        }
        return forceEach(io, files);
    }

    private static Map<Path, IOException> forceEach(ParallelIo io, List<Path> files) throws InterruptedIOException {
        List<IOException> failed = io.each(files, StagedFiles::force);
        Map<Path, IOException> failures = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            if (failed.get(i) != null) {
                failures.put(files.get(i), failed.get(i));
            }
        }
        return failures;
    }

    /** Forces one file (contents and metadata). */
    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (AccessDeniedException unreadable) {
            // a copy keeps its original's permissions, which may deny reading but allow writing
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }
}
