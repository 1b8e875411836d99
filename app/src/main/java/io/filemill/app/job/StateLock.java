package io.filemill.app.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

/**
 * The run locks ({@link RunLocks}: state directory and inbox), held by a process that runs the job
 * ({@code run}, {@code schedule}) from start to exit. They are taken before any bean and before the
 * job repository is opened: a second process on the same state directory or inbox stops at once,
 * with exit code 75 and the holder's name, instead of failing on the embedded database that the
 * first one has open. Registered as the bean {@code stateLock}.
 */
public final class StateLock {

    private static final String DEFAULT_HOME = "work/state";
    private static final String DEFAULT_INBOX = "work/inbox";

    private StateLock() {
    }

    /** The absolute state directory that {@code filemill.home} names in this environment. */
    public static Path home(Environment environment) {
        return absolute(environment.getProperty("filemill.home", DEFAULT_HOME));
    }

    /** The absolute inbox that {@code filemill.inbox} names in this environment. */
    public static Path inbox(Environment environment) {
        return absolute(environment.getProperty("filemill.inbox", DEFAULT_INBOX));
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /**
     * Takes the locks that the context's configuration names, for the context's life.
     *
     * @param early locks the command already took before Spring started, or null; used when they
     *              guard the same directories, else released
     */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer(RunLocks early) {
        return context -> {
            Path home = home(context.getEnvironment());
            Path inbox = inbox(context.getEnvironment());
            try {
                RunLocks locks;
                if (early != null && early.guards(home, inbox)) {
                    locks = early;
                } else {
                    if (early != null) {
                        early.close();
                    }
                    locks = RunLocks.acquire(home, inbox);
                }
                context.getBeanFactory().registerSingleton("stateLock", new StateLock());
                context.addApplicationListener((ContextClosedEvent closed) -> {
                    try {
                        locks.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
