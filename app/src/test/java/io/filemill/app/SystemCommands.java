package io.filemill.app;

import java.io.IOException;
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
}
