package io.filemill.pipeline.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * filemill's threads: every one is a daemon with a name that says what it does, so that none keeps a
 * JVM alive and a thread dump reads like a plan of the run. (JDK 21's {@code Thread.ofPlatform()}
 * does this; filemill runs on 17.)
 */
public final class Threads {

    private Threads() {
    }

    /** Starts a daemon thread named {@code name} running {@code task}. */
    public static Thread startDaemon(String name, Runnable task) {
        Thread thread = daemon(name).newThread(task);
        thread.start();
        return thread;
    }

    /** A factory of daemon threads, each named {@code name}. */
    public static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, and so on. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
