package io.filemill.pipeline.task;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Tags that keep one pipeline's or deliverer's files (batch journals, spare journals) apart from
 * others' in the same directory: this process's id and a random number. Not a UUID: its secure
 * random generator takes about 40 ms to start in a fresh JVM, before the first file.
 */
public final class ProcessTag {

    private ProcessTag() {
    }

    /** A new tag, {@code PID-HEX}. */
    public static String next() {
        return ProcessHandle.current().pid() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    }
}
