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

/** Forcing a batch's staged files to disk, several at a time. */
final class StagedFiles {

    private StagedFiles() {
    }

    /**
     * Forces every file (contents and metadata) on {@code io} and returns those that could not be
     * forced with the reason; an empty map when all were.
     *
     * @throws InterruptedIOException when interrupted: nothing may then be taken as forced
     */
    static Map<Path, IOException> forceAll(ParallelIo io, List<Path> files) throws InterruptedIOException {
        List<IOException> failed = io.each(files, StagedFiles::force);
        Map<Path, IOException> failures = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            if (failed.get(i) != null) {
                failures.put(files.get(i), failed.get(i));
            }
        }
        return failures;
    }

    /** Forces one file. */
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
