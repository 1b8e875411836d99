package io.filemill.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;

/**
 * Entry point of a forked worker JVM. stdout carries protocol frames only: it is taken for the
 * frames first, and {@code System.out} is pointed at stderr, so that no stray print can corrupt
 * the stream. Exits when the parent closes stdin (or dies).
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) {
        FileOutputStream frames = new FileOutputStream(FileDescriptor.out);
        PrintStream log = System.err;
        System.setOut(log);
        System.exit(new Worker().run(System.in, frames, log));
    }
}
