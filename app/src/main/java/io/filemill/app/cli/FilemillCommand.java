package io.filemill.app.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * The top command; it only groups the subcommands ({@link #SUBCOMMANDS}), which {@link FilemillCli}
 * adds: just the one invoked, since building picocli's model of every command costs start-up time.
 */
@Command(name = "filemill", mixinStandardHelpOptions = true, version = "filemill 0.1.0",
        description = "Rewrites the titles of the files in an inbox and delivers them to a processed directory.",
        footer = {"", "Exit codes:", "  0   all files delivered", "  1   finished, some files went to the failed directory",
                "  2   fatal error or bad configuration", "  75  another run holds the lock", "",
                "Every setting of config/application.yml can also be given as", "--filemill.NAME=VALUE."})
final class FilemillCommand implements Runnable {

    /** Every subcommand, by name, in the order the usage lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(RunCommand.class, ScheduleCommand.class, WatchCommand.class, NodeCommand.class,
            HistoryCommand.class, ShowCommand.class, GenerateCommand.class, CompareCommand.class, CompletionCommand.class);

    private static Map<String, Class<?>> subcommands(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : commands) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return Collections.unmodifiableMap(byName);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
