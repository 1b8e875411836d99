package io.filemill.pipeline.deliver;

import java.util.Locale;

/** How hard delivery works to survive a power loss. */
public enum Durability {
    /**
     * An original is deleted only after its delivered copy and directory entry are on disk. Forcing
     * is batched: each batch forces its journal once and each directory it touched once.
     */
    DURABLE,
    /** Nothing is forced: for scratch data. A crash of the process still loses nothing. */
    FAST;

    public boolean forces() {
        return this == DURABLE;
    }

    public static Durability parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown durability '" + text + "' (known: durable, fast)");
        }
    }
}
