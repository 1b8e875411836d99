package io.filemill.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import picocli.CommandLine.Option;

/**
 * {@code -q} and {@code -v}, on every command: how much filemill logs on stderr (and in the log
 * file, when {@code logging.file.name} names one). What a command prints on stdout (a summary, a
 * table, JSON) is its result and is printed either way.
 */
final class LoggingOptions implements SpringArguments {

    /** The name under which every command mixes these options in. */
    static final String MIXIN = "logging";

    static final String FILEMILL = "io.filemill";

    @Option(names = {"-q", "--quiet"}, description = "Log only warnings and errors, and show no progress bar.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Log more: -v each file's outcome and filemill's details "
            + "(DEBUG), -vv also Spring's and the libraries' (root logger at INFO, filemill at TRACE).")
    boolean[] verbose = new boolean[0];

    /** The logger levels these options ask for, as Spring's {@code --logging.level.*} arguments; none by default. */
    @Override
    public List<String> springArguments() {
        List<String> arguments = new ArrayList<>();
        filemillLevel().ifPresent(level -> arguments.add("--logging.level." + FILEMILL + "=" + level));
        if (verbose.length >= 2) {
            arguments.add("--logging.level.root=INFO");
        }
        return arguments;
    }

    /**
     * Applies the levels at once, for the commands that start no Spring application (for the others
     * Spring applies {@link #springArguments()} as it starts).
     */
    void apply() {
        if (quiet || verbose.length > 0) {
            LoggingSystem logging = LoggingSystem.get(LoggingOptions.class.getClassLoader());
            filemillLevel().ifPresent(level -> logging.setLogLevel(FILEMILL, level));
            if (verbose.length >= 2) {
                logging.setLogLevel(null, LogLevel.INFO);
            }
        }
    }

    private Optional<LogLevel> filemillLevel() {
        if (verbose.length >= 2) {
            return Optional.of(LogLevel.TRACE);
        }
        if (verbose.length == 1) {
            return Optional.of(LogLevel.DEBUG);
        }
        return quiet ? Optional.of(LogLevel.WARN) : Optional.empty();
    }
}
