package io.filemill.pipeline.deliver;

import io.filemill.pipeline.task.Confinement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finishes what an interrupted run left: completes each journaled publish that happened (removes
 * the original, writes a missing reason file; see {@link Journal#publishedIntents}), leaves every
 * file whose publish did not happen in the inbox, and deletes stale staged files. An intent whose
 * paths lie outside today's inbox, processed/ and failed/ (a journal from before the directories
 * were moved, or a damaged one) is left alone, and so is its journal, for an operator to look at.
 * Call it only while holding the run lock, before a run scans the inbox.
 */
public final class Recovery {

    /** What recovery found. */
    public record Report(int journals, int completed, int staleFiles, int refused) {
        public boolean foundAnything() {
            return journals + completed + staleFiles + refused > 0;
        }
    }

    private Recovery() {
    }

    public static Report recover(DeliverySettings settings) throws IOException {
        return recover(settings, "");
    }

    /**
     * Completes what the journals in {@code settings.journalDir()} show half done, and deletes the
     * staged files whose staging tag starts with {@code ownedTagPrefix} ("" for every staged file,
     * null for none): a run of part of the inbox, beside others on other machines, deletes only its own.
     */
    public static Report recover(DeliverySettings settings, String ownedTagPrefix) throws IOException {
        int journals = 0;
        int completed = 0;
        int refused = 0;
        if (Files.isDirectory(settings.journalDir())) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.journalDir(), "*" + Journal.SUFFIX)) {
                for (Path journal : files) {
                    journals++;
                    boolean keep = false;
                    for (Intent intent : Journal.publishedIntents(journal).values()) {
                        if (!confined(settings, intent)) {
                            refused++;
                            keep = true;
                            continue;
                        }
                        completed += complete(intent) ? 1 : 0;
                    }
                    if (!keep) {
                        Files.delete(journal);
                    }
                }
            }
        }
        deleteSpareJournals(settings.journalDir());
        int stale = ownedTagPrefix == null ? 0
                : deleteStaged(settings.processed(), ownedTagPrefix) + deleteStaged(settings.failed(), ownedTagPrefix);
        return new Report(journals, completed, stale, refused);
    }

    private static boolean confined(DeliverySettings settings, Intent intent) {
        Path root = intent.isFailure() ? settings.failed() : settings.processed();
        return Confinement.inside(settings.inbox(), intent.original()) && Confinement.inside(root, intent.target());
    }

    /** Completes one published intent; returns whether it removed an original. */
    private static boolean complete(Intent intent) throws IOException {
        Path target = intent.target();
        if (intent.isFailure() && Files.notExists(ReasonFiles.of(target))) {
            Files.writeString(ReasonFiles.of(target), intent.reason() + "\n", StandardCharsets.UTF_8);
        }
        return Files.deleteIfExists(intent.original()); // staged files are removed below with the other stale ones
    }

    /** Emptied journals a killed run kept for its next batches ({@link SpareJournals}): they hold no intent. */
    private static void deleteSpareJournals(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SpareJournals.SUFFIX)) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static int deleteStaged(Path dir, String ownedTagPrefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                Confinement.STAGING_PREFIX + ownedTagPrefix + "*" + Confinement.STAGING_SUFFIX)) {
            for (Path file : files) {
                deleted += Files.deleteIfExists(file) ? 1 : 0;
            }
        }
        return deleted;
    }
}
