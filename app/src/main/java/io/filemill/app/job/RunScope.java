package io.filemill.app.job;

import io.filemill.app.config.RunSettings;
import io.filemill.pipeline.engine.DeliveryGate;
import io.filemill.pipeline.scan.FileSource;
import io.filemill.pipeline.scan.InboxScanner;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * What one run of the pipeline covers and what it owns: where its files come from, the journal
 * directory its deliveries are journaled in (and recovery completes), the lock its worker JVMs hold,
 * and the tag its staged files carry. A local run covers the whole inbox and owns the state
 * directory's journals and every staged file; a partition of a run across machines covers the files
 * of its manifest and owns only its own journals and staged files, so that partitions running on
 * other machines beside it are never touched by its recovery.
 *
 * @param files          where the files come from
 * @param journalDir     this run's journals (and those of an interrupted run of the same scope)
 * @param workerLock     the lock file this run's worker JVMs hold shared for their life
 * @param stagingTag     part of every staged file's name: letters, digits and {@code -}
 * @param ownedTagPrefix the staging tags whose staged files recovery may delete ("" for all)
 * @param gate           asked before every delivery batch whether the run may still publish
 */
public record RunScope(FileSource files, Path journalDir, Path workerLock, String stagingTag, String ownedTagPrefix,
                       DeliveryGate gate) {

    public RunScope {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(journalDir, "journalDir");
        Objects.requireNonNull(workerLock, "workerLock");
        Objects.requireNonNull(gate, "gate");
        if (!stagingTag.startsWith(ownedTagPrefix)) {
            throw new IllegalArgumentException("staging tag " + stagingTag + " outside its own prefix " + ownedTagPrefix);
        }
    }

    /** The whole inbox, as {@code filemill run} takes it. */
    public static RunScope wholeInbox(RunSettings settings) {
        return new RunScope(new InboxScanner(settings.inbox(), settings.scan()), settings.journalDir(),
                settings.workerLock(), randomTag(""), "", DeliveryGate.OPEN);
    }

    /**
     * One partition of a run across machines: its journals and worker lock in {@code dir}, its staged
     * files tagged {@code p<id>-}, each batch published only while {@code gate} (its fence) says so.
     */
    public static RunScope partition(Path dir, long id, FileSource files, DeliveryGate gate) {
        String owned = partitionTagPrefix(id);
        return new RunScope(files, partitionJournal(dir), dir.resolve("workers.lock"), randomTag(owned), owned, gate);
    }

    /** The journals of the partition whose directory is {@code dir}. */
    public static Path partitionJournal(Path dir) {
        return dir.resolve("journal");
    }

    /** How the staging tags of partition {@code id} begin, on whichever node. */
    public static String partitionTagPrefix(long id) {
        return "p" + id + "-";
    }

    private static String randomTag(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }
}
