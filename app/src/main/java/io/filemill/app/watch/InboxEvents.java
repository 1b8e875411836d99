package io.filemill.app.watch;

import io.filemill.pipeline.scan.InboxScanner;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The file system's change notifications for an inbox (and, when recursive, every directory under
 * it, including those created later): which files were created or changed. Names the scanner never
 * takes (hidden, temporary) are passed over. Deletions do not matter: filemill makes them itself.
 */
final class InboxEvents implements AutoCloseable {

    /** What one wait brought. */
    record Changes(int files, boolean lost) {
        static final Changes NONE = new Changes(0, false);

        boolean any() {
            return files > 0 || lost;
        }
    }

    private final WatchService service;
    private final boolean recursive;
    private final Map<WatchKey, Path> directories = new HashMap<>();

    private InboxEvents(WatchService service, boolean recursive) {
        this.service = service;
        this.recursive = recursive;
    }

    /** Starts watching {@code inbox}, and its subdirectories when {@code recursive}. */
    static InboxEvents watch(Path inbox, boolean recursive) throws IOException {
        InboxEvents events = new InboxEvents(FileSystems.getDefault().newWatchService(), recursive);
        try {
            events.register(inbox);
        } catch (IOException | RuntimeException e) {
            events.close();
            throw e;
        }
        return events;
    }

    private void register(Path start) throws IOException {
        if (!recursive) {
            directories.put(keyOf(start), start);
            return;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(start) && InboxScanner.isIgnoredName(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                directories.put(keyOf(dir), dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // the scan reports it
            }
        });
    }

    private WatchKey keyOf(Path dir) throws IOException {
        return dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    }

    /**
     * Waits up to {@code timeout} for changes and returns those that came, with every further one
     * already queued.
     */
    Changes await(Duration timeout) throws InterruptedException {
        try {
            WatchKey key = service.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            int files = 0;
            boolean lost = false;
            while (key != null) {
                Changes changes = drain(key);
                files += changes.files();
                lost |= changes.lost();
                key = service.poll();
            }
            return new Changes(files, lost);
        } catch (ClosedWatchServiceException closed) {
            return Changes.NONE;
        }
    }

    private Changes drain(WatchKey key) {
        Path dir = directories.get(key);
        int files = 0;
        boolean lost = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                lost = true;
                continue;
            }
            Path name = (Path) event.context();
            if (dir == null || InboxScanner.isIgnoredName(name.toString())) {
                continue;
            }
            Path changed = dir.resolve(name);
            if (recursive && event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(changed, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    register(changed); // files may have landed in it before it was watched: look after min-age
                } catch (IOException gone) {
                    // removed again at once; a rescan sees what is there
                }
            }
            files++;
        }
        if (!key.reset()) {
            directories.remove(key); // the directory is gone
        }
        return new Changes(files, lost);
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
