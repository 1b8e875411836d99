package io.filemill.app.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Puts the machine's file cache in the same state before every trial. Dirty pages are always written
 * out ({@code sync}), so that no trial pays for the copy made for it. With {@code cold}, the clean
 * page cache is dropped too ({@code /proc/sys/vm/drop_caches}, Linux, root only): the trial then
 * reads its inbox from the disk, as a nightly run does, and no trial meets the cached inode tables of
 * the files the trials before it deleted. That matters on ext4 without a journal, where creating a
 * file skips every free inode deleted in the last minute (six while its inode table block is still
 * dirty) by looking each one up in the cache: a trial's system time then depended on what the
 * trials before it deleted, by a factor of four on this project's machine. Where dropping is not
 * allowed, trials run warm and {@link #description()} says so.
 */
final class PageCache {

    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private final boolean cold;
    private final String description;

    private PageCache(boolean cold, String description) {
        this.cold = cold;
        this.description = description;
    }

    /** Cold when asked and allowed here, else warm. */
    static PageCache of(boolean coldWanted) {
        if (!coldWanted) {
            return new PageCache(false, "warm: dirty pages written out before each trial, caches kept");
        }
        if (Files.isWritable(DROP_CACHES)) {
            return new PageCache(true, "cold: dirty pages written out and the page cache dropped before each trial");
        }
        return new PageCache(false, "warm: dirty pages written out before each trial; the page cache could not be "
                + "dropped (needs root on Linux)");
    }

    boolean isCold() {
        return cold;
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
        }
    }
}
