package io.filemill.app.cli;

import io.filemill.app.stop.Shutdown;

/**
 * {@code java -jar filemill.jar <command> [options]}: exits with the command's exit code. SIGINT and
 * SIGTERM stop a command as {@link Shutdown} says.
 */
public final class FilemillMain {

    private FilemillMain() {
    }

    public static void main(String[] args) {
        // the embedded job repository's automatic server (see JobRepositoryDataSource) on loopback only
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        Shutdown shutdown = Shutdown.onSignals(System.err);
        System.exit(new FilemillCli(System.out, System.err, shutdown).run(args));
    }
}
