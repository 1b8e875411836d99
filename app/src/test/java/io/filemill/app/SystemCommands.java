package io.filemill.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs system commands for tests that set up real faults (mount, chattr) and finds worker JVMs. */
public final class SystemCommands {

    private SystemCommands() {
    }

    /** Runs a command to its end (at most 30 s); true when it exited 0. Its output is discarded. */
    public static boolean run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    /** The worker JVMs alive now that serve the run with this state directory ({@code -Dfilemill.home=}). */
    public static List<ProcessHandle> workersOf(Path home) {
        String marker = "-Dfilemill.home=" + home;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("io.filemill.worker.WorkerMain")
                        && c.contains(marker)).orElse(false))
                .toList();
    }

    /**
     * Fails the calling test, with the cause, when this JVM ignores SIGINT. A background job of a shell
     * without job control starts with SIGINT ignored, every process it starts inherits that, and a
     * JVM does not handle a signal it was started ignoring: such a filemill cannot be stopped with
     * {@code kill -INT}, which is not what the test is about.
     */
    public static void assertSigintIsNotIgnored() throws IOException {
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").substring(7).trim();
        boolean sigint = (Long.parseUnsignedLong(ignored, 16) & (1L << 1)) != 0; // bit N-1 for signal N; SIGINT is 2
        if (sigint) {
            throw new AssertionError("this JVM ignores SIGINT, inherited from what started the build (a background "
                    + "job of a shell without job control): a filemill it starts cannot be stopped with kill -INT; "
                    + "run the build in the foreground or from a shell with job control (set -m)");
        }
    }
}
