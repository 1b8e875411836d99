package io.filemill.pipeline.scan;

import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Permissions;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Streams the ready files of an inbox to a consumer, one at a time, so memory stays bounded
 * however many files there are. Takes regular files only; never follows a symbolic link; passes
 * over hidden files and temporary names ({@code .*}, {@code *.tmp}, {@code *.part}); defers files
 * that are not ready ({@link ScanSettings#minAge()}, {@link ScanSettings#readyMarker()}).
 */
public final class InboxScanner implements FileSource {

    /** Receives each file taken; may block, which holds the scan back. */
    @FunctionalInterface
    public interface Consumer {
        void accept(FileTask task) throws InterruptedException;
    }

    private final Path inbox;
    private final ScanSettings settings;
    private final List<PathMatcher> include;
    private final List<PathMatcher> exclude;

    private final Clock clock;

    public InboxScanner(Path inbox, ScanSettings settings) {
        this(inbox, settings, Clock.systemUTC());
    }

    public InboxScanner(Path inbox, ScanSettings settings, Clock clock) {
        this.inbox = inbox;
        this.settings = settings;
        this.clock = clock;
        this.include = settings.include().stream().map(InboxScanner::glob).toList();
        this.exclude = settings.exclude().stream().map(InboxScanner::glob).toList();
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    /**
     * Scans the inbox and hands every file it takes to {@code consumer}, numbering them from 1.
     *
     * @param stop checked before each file; the scan ends early when it says true
     * @return how many files were taken
     */
    @Override
    public long scan(Consumer consumer, ScanListener listener, BooleanSupplier stop)
            throws IOException, InterruptedException {
        Visitor visitor = new Visitor(consumer, listener, stop);
        new InboxWalk(inbox, settings.recursive() ? Integer.MAX_VALUE : 1, visitor).walk();
        if (visitor.interrupted != null) {
            throw visitor.interrupted;
        }
        return visitor.taken;
    }

    /**
     * Whether an inbox holds nothing a scan could take: no entry but hidden and temporary names (the
     * run's own lock file among them). One look, for a run to tell at once that it has nothing to do.
     */
    public static boolean holdsNothingToTake(Path inbox) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox)) {
            for (Path entry : entries) {
                if (!isIgnoredName(entry.getFileName().toString())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Whether a name is one the scanner never takes: hidden, or a temporary file still being written. */
    public static boolean isIgnoredName(String name) {
        return name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part");
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        private final Consumer consumer;
        private final ScanListener listener;
        private final BooleanSupplier stop;
        private long taken;
        private InterruptedException interrupted;

        Visitor(Consumer consumer, ScanListener listener, BooleanSupplier stop) {
            this.consumer = consumer;
            this.listener = listener;
            this.stop = stop;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(inbox) && isIgnoredName(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (stop.getAsBoolean()) {
                return FileVisitResult.TERMINATE;
            }
            String name = file.getFileName().toString();
            if (isIgnoredName(name)) {
                return FileVisitResult.CONTINUE; // hidden and temporary files
            }
            if (attrs.isDirectory()) {
                // a flat scan visits subdirectories as entries: say so, their files are not taken
                listener.skipped(file, "a directory; its files are taken only with --recursive");
                return FileVisitResult.CONTINUE;
            }
            String marker = settings.readyMarker();
            if (marker != null && name.endsWith(marker)) {
                return FileVisitResult.CONTINUE; // a marker, not a document
            }
            String relative = relativeName(file);
            String notReady;
            if (attrs.isSymbolicLink()) {
                listener.skipped(file, "symbolic link (never followed)");
            } else if (!attrs.isRegularFile()) {
                listener.skipped(file, "not a regular file");
            } else if (!matches(relative)) {
                return FileVisitResult.CONTINUE;
            } else if ((notReady = notReady(file, attrs)) != null) {
                listener.deferred(file, notReady);
            } else {
                try {
                    consumer.accept(new FileTask(++taken, file, relative, attrs.size(), Permissions.modeOf(attrs)));
                } catch (InterruptedException e) {
                    interrupted = e;
                    return FileVisitResult.TERMINATE;
                }
            }
            return FileVisitResult.CONTINUE;
        }

        /** Why a file is not ready to be taken, or null when it is. */
        private String notReady(Path file, BasicFileAttributes attrs) {
            String marker = settings.readyMarker();
            if (marker != null && !Files.exists(file.resolveSibling(file.getFileName() + marker), LinkOption.NOFOLLOW_LINKS)) {
                return "waiting for its marker " + file.getFileName() + marker;
            }
            Duration age = Duration.between(attrs.lastModifiedTime().toInstant(), clock.instant());
            if (age.compareTo(settings.minAge()) < 0) {
                return age.isNegative() ? "modified in the future (" + attrs.lastModifiedTime() + ")"
                        : "modified " + age.toMillis() + " ms ago, still being written? waiting until it is "
                        + settings.minAge().toMillis() + " ms old";
            }
            return null;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            listener.skipped(file, "cannot be listed: " + e.getMessage());
            return FileVisitResult.CONTINUE;
        }
    }

    private String relativeName(Path file) {
        return inbox.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private boolean matches(String relative) {
        Path path = Path.of(relative);
        Path name = path.getFileName();
        boolean included = include.isEmpty()
                || include.stream().anyMatch(m -> m.matches(path) || m.matches(name));
        return included && exclude.stream().noneMatch(m -> m.matches(path) || m.matches(name));
    }
}
