package io.filemill.app.cli;

import io.filemill.app.config.ConfigurationCheck;
import io.filemill.app.config.ConfigurationProblem;
import io.filemill.app.job.LockHeldException;
import io.filemill.app.stop.Shutdown;
import io.filemill.pipeline.stage.WorkerPoolException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.env.ConfigurableEnvironment;
import picocli.CommandLine;

/**
 * The command line: parses the command with picocli, runs it, and turns every failure into a
 * one-line message on stderr and a documented exit code ({@link ExitCodes}).
 */
public final class FilemillCli {

    /** Arguments Spring reads itself, such as {@code --filemill.delivery.durability=fast}. */
    private static final Pattern PROPERTY_ARGUMENT =
            Pattern.compile("--(filemill|spring|logging|management|server)\\.[^=]+=.*");

    /**
     * The commands that read the configuration first thing, by name: known before picocli reads
     * a single annotation.
     */
    static final Set<String> READS_CONFIGURATION = Set.of("run", "schedule", "watch", "node", "history", "show");

    private final PrintStream out;
    private final PrintStream err;
    private final Shutdown shutdown;

    /** A command line whose commands stop when {@code shutdown} says so. */
    public FilemillCli(PrintStream out, PrintStream err, Shutdown shutdown) {
        this.out = out;
        this.err = err;
        this.shutdown = shutdown;
    }

    /** A command line for use inside another program: no signal stops its commands. */
    public FilemillCli(PrintStream out, PrintStream err) {
        this(out, err, Shutdown.manual(err));
    }

    public int run(String... args) {
        List<String> commandArguments = new ArrayList<>();
        List<String> propertyArguments = new ArrayList<>();
        for (String arg : args) {
            (PROPERTY_ARGUMENT.matcher(arg).matches() ? propertyArguments : commandArguments).add(arg);
        }
        // the configuration is read while picocli builds and parses the command
        ConfigurationAhead configuration = !commandArguments.isEmpty() && READS_CONFIGURATION.contains(commandArguments.get(0))
                ? ConfigurationAhead.start(propertyArguments) : ConfigurationAhead.none();
        Class<?> invoked = commandArguments.isEmpty() ? null : FilemillCommand.SUBCOMMANDS.get(commandArguments.get(0));
        CommandContext context = new CommandContext(out, err, List.of(args), propertyArguments, System.console() != null,
                shutdown, configuration);
        CommandLine commandLine = new CommandLine(new FilemillCommand(), new CommandFactory(context));
        // settings below apply to the subcommands present when they are set: add them first
        if (invoked != null && invoked != CompletionCommand.class) {
            commandLine.addSubcommand(invoked);
        } else {
            // the usage, the errors and the completion script need them all
            for (Class<?> subcommand : FilemillCommand.SUBCOMMANDS.values()) {
                commandLine.addSubcommand(subcommand);
            }
        }
        Handlers handlers = new Handlers(propertyArguments);
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler(handlers)
                .setExecutionExceptionHandler(handlers)
                .setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(handlers);
        commandLine.setExecutionStrategy(handlers);
        return commandLine.execute(commandArguments.toArray(new String[0]));
    }

    /**
     * How a command runs and how its failures end, as one class rather than four lambdas. The class
     * data archive's dump resolves every lambda the training run made; resolving one of this class's
     * links picocli's {@code CommandLine} and the interfaces a lambda implements, Java 5 class files
     * that the dump then leaves out ("Old class has been linked"), so that every start read
     * {@code CommandLine} (70 KB) from its jar and verified it with the old verifier. This class
     * therefore makes no lambda at all ({@code assemble.sh} warns when the dump leaves a
     * class out for that reason).
     */
    private final class Handlers implements CommandLine.IExecutionStrategy, CommandLine.IParameterExceptionHandler,
            CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper {
        private final List<String> propertyArguments;

        Handlers(List<String> propertyArguments) {
            this.propertyArguments = propertyArguments;
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            withLogging(parsed, propertyArguments);
            return new CommandLine.RunLast().execute(parsed);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] arguments) {
            return misused(e);
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
            return handle(e);
        }

        @Override
        public int getExitCode(Throwable exception) {
            return ExitCodes.FATAL;
        }
    }

    /**
     * Applies the invoked command's {@code -q}/{@code -v} (unless it sets logging up from its
     * configuration itself), and passes its {@link SpringArguments} on to Spring.
     */
    private static void withLogging(CommandLine.ParseResult parsed, List<String> propertyArguments) {
        CommandLine.ParseResult invoked = parsed.hasSubcommand() ? parsed.subcommand() : parsed;
        for (CommandLine.Model.CommandSpec mixin : invoked.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof LoggingOptions logging
                    && !(invoked.commandSpec().userObject() instanceof EarlyLogging.FromConfiguration)) {
                logging.apply();
            }
            if (mixin.userObject() instanceof SpringArguments arguments) {
                for (String argument : arguments.springArguments()) {
                    // a setting given as it is (--logging.level.io.filemill=TRACE) wins over -v's shorthand;
                    // Spring would join the two into one value ("TRACE,DEBUG") that no level is
                    if (!givenAlready(propertyArguments, argument)) {
                        propertyArguments.add(argument);
                    }
                }
            }
        }
    }

    private static boolean givenAlready(List<String> propertyArguments, String argument) {
        String key = argument.substring(0, argument.indexOf('=') + 1);
        for (String given : propertyArguments) {
            if (given.startsWith(key)) {
                return true;
            }
        }
        return false;
    }

    /** A command line picocli cannot parse: one line, and where the usage is, not the usage itself. */
    private int misused(CommandLine.ParameterException e) {
        String command = e.getCommandLine().getCommandName();
        String help = e.getCommandLine().getParent() == null ? "filemill --help" : "filemill " + command + " --help";
        err.println("filemill: " + e.getMessage() + " (see '" + help + "')");
        return ExitCodes.FATAL;
    }

    private int handle(Exception e) {
        LoggerFactory.getLogger(FilemillCli.class).debug("command failed", e);
        Throwable cause = rootCause(e, ConfigurationProblem.class, LockHeldException.class, BindException.class,
                WorkerPoolException.class);
        if (cause instanceof LockHeldException) {
            err.println("filemill: " + cause.getMessage());
            return ExitCodes.LOCKED;
        }
        if (cause instanceof BindException bind) {
            err.println("filemill: bad configuration: " + ConfigurationCheck.describe(bind));
            return ExitCodes.FATAL;
        }
        if (cause instanceof WorkerPoolException) {
            err.println("filemill: " + cause.getMessage());
            return ExitCodes.FATAL;
        }
        if (cause instanceof ConfigurationProblem) {
            err.println("filemill: bad configuration: " + cause.getMessage());
            return ExitCodes.FATAL;
        }
        Throwable deepest = deepest(e);
        err.println("filemill: " + (deepest.getMessage() == null ? deepest : deepest.getMessage()));
        return ExitCodes.FATAL;
    }

    @SafeVarargs
    private static Throwable rootCause(Throwable e, Class<? extends Throwable>... wanted) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : wanted) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return e;
    }

    private static Throwable deepest(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * What every command gets from the command line besides its own options; {@code arguments} is the
     * whole command line as given.
     */
    record CommandContext(PrintStream out, PrintStream err, List<String> arguments, List<String> propertyArguments,
                          boolean terminal, Shutdown shutdown, ConfigurationAhead configurationAhead) {

        /**
         * The configuration for the command's {@code options} and {@link #propertyArguments}, as
         * {@link SpringContexts#configuration} reads it (read ahead where that gives the same).
         */
        ConfigurableEnvironment configuration(Map<String, Object> options) {
            return configurationAhead.configuration(options, propertyArguments);
        }
    }

    /** Gives commands their context through their constructor. */
    private record CommandFactory(CommandContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CommandContext.class).newInstance(context);
            } catch (NoSuchMethodException noContext) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
