package io.filemill.app.cli;

import picocli.CommandLine.Command;

/** The top command; it only groups the subcommands. */
@Command(name = "filemill", mixinStandardHelpOptions = true, version = "filemill 0.1.0",
        description = "Rewrites the titles of the files in an inbox and delivers them to a processed directory.",
        subcommands = {RunCommand.class, ScheduleCommand.class, HistoryCommand.class, ShowCommand.class,
                GenerateCommand.class, CompareCommand.class},
        footer = {"", "Exit codes:", "  0   all files delivered", "  1   finished, some files went to the failed directory",
                "  2   fatal error or bad configuration", "  75  another run holds the lock", "",
                "Every setting of config/application.yml can also be given as", "--filemill.NAME=VALUE."})
final class FilemillCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
