package io.filemill.pipeline.task;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** An I/O failure said in a few words for a file's reason: {@code permission denied}, {@code No space left on device}. */
public final class IoReasons {

    private IoReasons() {
    }

    /** The operating system's reason when it gave one, else the message, else the exception's name. */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
