package io.filemill.pipeline.deliver;

import io.filemill.pipeline.retitle.RetitleSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Finishes what an interrupted run left: completes each journaled publish that happened (removes
 * the original, writes a missing reason file), undoes nothing that did not, and deletes stale
 * staged files. Call it only while holding the run lock, before a run scans the inbox.
 */
public final class Recovery {

    /** What recovery found. */
    public record Report(int journals, int completed, int staleFiles) {
        public boolean foundAnything() {
            return journals + completed + staleFiles > 0;
        }
    }

    private Recovery() {
    }

    public static Report recover(DeliverySettings settings) throws IOException {
        int journals = 0;
        int completed = 0;
        if (Files.isDirectory(settings.journalDir())) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.journalDir(), "*" + Journal.SUFFIX)) {
                for (Path journal : files) {
                    journals++;
                    for (Intent intent : Intent.parseAll(Files.readAllLines(journal, StandardCharsets.UTF_8))) {
                        completed += complete(intent) ? 1 : 0;
                    }
                    Files.delete(journal);
                }
            }
        }
        int stale = deleteStaged(settings.processed()) + deleteStaged(settings.failed());
        return new Report(journals, completed, stale);
    }

    /** Completes one intent when its publish happened; returns whether it removed an original. */
    private static boolean complete(Intent intent) throws IOException {
        Path target = intent.target();
        Path source = intent.source();
        boolean published = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && Files.exists(source, LinkOption.NOFOLLOW_LINKS)
                && Files.isSameFile(target, source);
        if (!published) {
            return false; // not published (the staged file, if any, is removed below), or already complete
        }
        if (intent.isFailure() && Files.notExists(Deliverer.reasonFile(target))) {
            Files.writeString(Deliverer.reasonFile(target), intent.reason() + "\n", StandardCharsets.UTF_8);
        }
        boolean removed = Files.deleteIfExists(intent.original());
        if (!source.equals(intent.original())) {
            Files.deleteIfExists(source);
        }
        return removed;
    }

    private static int deleteStaged(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                RetitleSettings.STAGING_PREFIX + "*" + RetitleSettings.STAGING_SUFFIX)) {
            for (Path file : files) {
                deleted += Files.deleteIfExists(file) ? 1 : 0;
            }
        }
        return deleted;
    }
}
