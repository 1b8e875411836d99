package io.filemill.pipeline.scan;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Where a run's files come from: the inbox itself ({@link InboxScanner}), or a list of its files
 * that a run across machines handed to one node.
 */
public interface FileSource {

    /**
     * Hands every file taken to {@code consumer}, numbering them from 1; tells {@code listener}
     * about each file passed over.
     *
     * @param stop checked before each file; the scan ends early when it says true
     * @return how many files were taken
     */
    long scan(InboxScanner.Consumer consumer, ScanListener listener, BooleanSupplier stop)
            throws IOException, InterruptedException;
}
