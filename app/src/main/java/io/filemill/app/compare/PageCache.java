package io.filemill.app.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Puts the machine's file cache in the same state before every trial. Dirty pages are always written
 * out ({@code sync}), so that no trial pays for the copy made for it. With {@code cold}, the clean
 * page cache is dropped too ({@code /proc/sys/vm/drop_caches}, Linux, root only): the trial then
 * reads its inbox from the disk, as a nightly run does, and no trial meets the cached inode tables of
 * the files the trials before it deleted. That matters on ext4 without a journal, where creating a
 * file skips every free inode deleted in the last minute (six while its inode table block is still
 * dirty) by looking each one up in the cache: a trial's system time then depended on what the
 * trials before it deleted, by a factor of four on this project's machine. The program's own files
 * (the JDK, filemill's jars and archives, the state directory) are read back in after the drop, so
 * that start-up is timed as a machine that runs Java pays it, not as a first boot. Where dropping is
 * not allowed, trials run warm and {@link #description()} says so.
 */
final class PageCache {

    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private final boolean cold;
    private final String description;
    private final List<Path> programFiles;

    private PageCache(boolean cold, String description, List<Path> programFiles) {
        this.cold = cold;
        this.description = description;
        this.programFiles = List.copyOf(programFiles);
    }

    /**
     * Cold when asked and allowed here, else warm.
     *
     * @param programFiles files and directories a trial's JVMs start from, read back in after a drop
     */
    static PageCache of(boolean coldWanted, List<Path> programFiles) {
        if (!coldWanted) {
            return new PageCache(false, "warm: dirty pages written out before each trial, caches kept", programFiles);
        }
        if (Files.isWritable(DROP_CACHES)) {
            return new PageCache(true, "cold: dirty pages written out and the page cache dropped before each trial "
                    + "(the JDK's and filemill's own files read back in)", programFiles);
        }
        return new PageCache(false, "warm: dirty pages written out before each trial; the page cache could not be "
                + "dropped (needs root on Linux)", programFiles);
    }

    /** One line for the report: what state each trial started in. */
    String description() {
        return description;
    }

    /** Brings the cache into the trial's starting state. Best effort where there is no {@code sync}. */
    void prepareTrial() throws IOException, InterruptedException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor(5, TimeUnit.MINUTES);
        } catch (IOException noSyncCommand) {
            // not on this system
        }
        if (cold) {
            // 1: clean page cache only (file data and the block device's metadata blocks)
            Files.writeString(DROP_CACHES, "1", StandardCharsets.US_ASCII);
            for (Path start : programFiles) {
                readBackIn(start);
            }
        }
    }

    private static void readBackIn(Path start) throws IOException {
        if (!Files.exists(start)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(start)) {
            for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException unreadable) {
                    // not needed to start, or not ours to read: it stays cold
                }
            }
        }
    }
}
