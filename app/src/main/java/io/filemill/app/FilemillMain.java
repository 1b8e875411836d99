package io.filemill.app;

import io.filemill.app.cli.FilemillCli;

/** {@code java -jar filemill.jar <command> [options]}: exits with the command's exit code. */
public final class FilemillMain {

    private FilemillMain() {
    }

    public static void main(String[] args) {
        System.exit(new FilemillCli(System.out, System.err).run(args));
    }
}
