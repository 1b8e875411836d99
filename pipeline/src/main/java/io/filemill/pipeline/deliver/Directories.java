package io.filemill.pipeline.deliver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;

/** Forcing directory entries to disk. */
final class Directories {

    private Directories() {
    }

    static void force(Collection<Path> directories) throws IOException {
        for (Path directory : directories) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }
}
