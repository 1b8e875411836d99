package io.filemill.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.cli.FilemillMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** filemill in a JVM of its own, started from the test class path, with everything it prints in a log file. */
public final class FilemillProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private FilemillProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code filemill ARGUMENTS}, its stdout and stderr going to {@code log}. */
    public static FilemillProcess start(Path log, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName()));
        command.addAll(arguments);
        return new FilemillProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start(), log);
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits up to 60 s for {@code text} in the log; fails at once if the process ended first. */
    public void awaitLog(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!log().contains(text)) {
            assertThat(process.isAlive()).as(log()).isTrue();
            assertThat(System.nanoTime()).as("waiting for '" + text + "' in\n" + log()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Sends SIGTERM and returns the exit code, which must come within 60 s. */
    public int sigterm() throws Exception {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(log()).isTrue();
        return process.exitValue();
    }

    /** Kills the process if a test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
