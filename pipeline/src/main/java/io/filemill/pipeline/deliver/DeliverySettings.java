package io.filemill.pipeline.deliver;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where delivery puts files and how.
 *
 * @param inbox      where the originals are: delivery touches no original outside it
 * @param processed  where delivered files go
 * @param failed     where files that cannot be handled go, each with a {@code .reason} file beside it
 * @param journalDir where each batch records its intents until it is complete
 * @param readyMarker the suffix of ready markers ({@code NAME.done}) to remove with their file; null when unused
 * @param forceMethod how a durable batch forces its rewritten files
 */
public record DeliverySettings(Path inbox, Path processed, Path failed, Path journalDir, CollisionPolicy collisions,
                               Durability durability, String readyMarker, ForceMethod forceMethod) {

    /** Suffix of the file beside a failed file that holds its reason. */
    public static final String REASON_SUFFIX = ".reason";

    public DeliverySettings {
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(processed, "processed");
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(journalDir, "journalDir");
        Objects.requireNonNull(collisions, "collisions");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(forceMethod, "forceMethod");
    }

    /** Settings whose durable batches force with {@link ForceMethod#FILE_SYSTEM}. */
    public DeliverySettings(Path inbox, Path processed, Path failed, Path journalDir, CollisionPolicy collisions,
                            Durability durability, String readyMarker) {
        this(inbox, processed, failed, journalDir, collisions, durability, readyMarker, ForceMethod.FILE_SYSTEM);
    }
}
