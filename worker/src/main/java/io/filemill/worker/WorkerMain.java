package io.filemill.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Entry point of a forked worker JVM. stdout carries protocol frames only: it is taken for the
 * frames first, and {@code System.out} is pointed at stderr, so that no stray print can corrupt
 * the stream. The parent owns the worker's life: Ctrl-C and SIGTERM, which a terminal or a service
 * manager sends to the whole process group, are ignored here (the parent stops its workers as its
 * stop requires); the worker exits when the parent closes stdin, and halts within
 * {@value #WATCH_MILLIS} ms when the parent dies.
 *
 * <p>With {@code -Dfilemill.worker.lock=FILE} it holds a shared lock on FILE for its life (see
 * {@link WorkerLock}), taken before it reads anything, and checks after taking it that its parent
 * is still alive.
 */
public final class WorkerMain {

    static final long WATCH_MILLIS = 200;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        FileOutputStream frames = new FileOutputStream(FileDescriptor.out);
        PrintStream log = System.err;
        System.setOut(log);
        Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        Signal.handle(new Signal("TERM"), SignalHandler.SIG_IGN);
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            log.println("ERROR no parent process: a worker is started by filemill only");
            System.exit(WorkerExitCodes.ORPHANED);
        }
        Runnable halt = () -> Runtime.getRuntime().halt(WorkerExitCodes.ORPHANED);
        String lock = System.getProperty("filemill.worker.lock");
        if (lock != null) {
            try {
                WorkerLock.holdShared(Path.of(lock));
            } catch (IOException e) {
                log.println("ERROR cannot hold the worker lock " + lock + ": " + e);
                System.exit(WorkerExitCodes.ORPHANED);
            }
        }
        if (!parent.isAlive()) {
            halt.run(); // the run that started this worker is gone: a new one may be recovering already
        }
        ParentWatch.start(parent, Duration.ofMillis(WATCH_MILLIS), () -> {
            log.println("ERROR the parent process " + parent.pid() + " died; halting");
            halt.run();
        });
        System.exit(new Worker(halt).run(System.in, frames, log));
    }
}
