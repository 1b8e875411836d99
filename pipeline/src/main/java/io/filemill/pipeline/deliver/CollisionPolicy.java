package io.filemill.pipeline.deliver;

import java.util.Locale;

/** What delivery does when the processed directory already has a file of the same name. */
public enum CollisionPolicy {
    /** Deliver as {@code name-1.ext}, {@code name-2.ext}, ...: nothing is overwritten. */
    SUFFIX,
    /** Replace the existing file atomically. */
    REPLACE,
    /** Do not deliver; the file goes to the failed directory. */
    FAIL;

    /** Parses {@code suffix}, {@code replace} or {@code fail}, ignoring case. */
    public static CollisionPolicy parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown collision policy '" + text + "' (known: suffix, replace, fail)");
        }
    }
}
