package io.filemill.app.cli;

import io.filemill.app.watch.InboxWatch;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code filemill watch}: stays up and delivers files as they become ready, each wave a run. On
 * SIGTERM or Ctrl-C a wave in progress stops cleanly (no new files, files in flight finished, the
 * run recorded) and it exits 0.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Stay up and deliver files as they become ready (each wave of files a run), until stopped.",
        footer = {"", "Exit codes:", "  0   stopped by SIGTERM or Ctrl-C (a wave in progress stops cleanly first)",
                "  2   fatal error or bad configuration", "  75  another run holds the lock"})
final class WatchCommand implements Callable<Integer> {

    private final FilemillCli.CommandContext context;

    @Mixin(name = LoggingOptions.MIXIN)
    LoggingOptions logging;

    @Mixin
    RunOptions options;

    @Option(names = "--rescan", paramLabel = "DURATION", description = "Also scan the whole inbox this often, "
            + "for changes the file system did not report (default 1m; filemill.watch.rescan).")
    String rescan;

    WatchCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> properties = options.toProperties();
        if (rescan != null) {
            properties.put("filemill.watch.rescan", rescan);
        }
        try (ConfigurableApplicationContext spring = SpringContexts.startRunning(
                context.configuration(properties), properties, context.propertyArguments(),
                WebApplicationType.SERVLET)) {
            InboxWatch watch = spring.getBean(InboxWatch.class);
            return StayingUp.run("watch", context, spring, watch::stop,
                    () -> watch.runUntilStopped(context.out(), context.err(), context.shutdown()));
        }
    }
}
