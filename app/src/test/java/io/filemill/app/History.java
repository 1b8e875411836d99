package io.filemill.app;

import io.filemill.app.cli.FilemillCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** {@code filemill history} of a state directory, as a test reads it. */
public final class History {

    private History() {
    }

    /** What {@code filemill history --home HOME} prints, or its error when it fails. */
    public static String of(Path home) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("history", "--home", home.toString());
        return exit == 0 ? out.toString(StandardCharsets.UTF_8) : err.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits until the history shows a run in progress: a run's files stream while its job repository
     * starts, so it is recorded a moment after its first files are delivered.
     */
    public static String awaitRunning(Path home, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String history = of(home);
        while (!showsARunInProgress(history) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            history = of(home);
        }
        return history;
    }

    /** Whether a run's line (not the header, whose column is named STARTED too) ends with STARTED. */
    private static boolean showsARunInProgress(String history) {
        return history.lines().skip(1).anyMatch(line -> line.endsWith("STARTED"));
    }
}
