package io.filemill.pipeline.deliver;

import java.util.Locale;

/** How a durable batch forces its rewritten files to disk before it publishes them. */
public enum ForceMethod {
    /**
     * One {@code syncfs(2)} of the processed directory's file system per batch, where Linux offers
     * one that reports write-back errors (5.8 and later); elsewhere, and for a batch whose syncfs
     * reports an error (to name the files that failed), {@link #EACH_FILE}. It also writes whatever
     * else is waiting on that file system, so a batch waits longer where other programs write a lot
     * to it.
     */
    FILE_SYSTEM,
    /** One {@code fsync} per rewritten file, several at a time. */
    EACH_FILE;

    public static ForceMethod parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown force method '" + text + "' (known: file-system, each-file)");
        }
    }
}
