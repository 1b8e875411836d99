package io.filemill.app.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The run lock, held by a process that runs the job ({@code run}, {@code schedule}) from start to
 * exit. It is taken as soon as the configuration is known, before any bean and before the job
 * repository is opened: a second process on the same state directory stops within about a second,
 * with exit code 75 and the holder's name, instead of failing on the embedded database that the
 * first one has open. Registered as the bean {@code stateLock}.
 */
public final class StateLock {

    private final RunLock lock;

    private StateLock(RunLock lock) {
        this.lock = lock;
    }

    /**
     * Takes the lock in the state directory that {@code filemill.home} names, for the context's life.
     *
     * @param early a lock the command already took, before Spring started, when the command line
     *              named the state directory; used when it guards the same directory, else released
     */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer(RunLock early) {
        return context -> {
            Path home = Path.of(context.getEnvironment().getProperty("filemill.home", "work/state"))
                    .toAbsolutePath().normalize();
            try {
                RunLock lock;
                if (early != null && early.home().equals(home)) {
                    lock = early;
                } else {
                    if (early != null) {
                        early.close();
                    }
                    lock = RunLock.acquire(Files.createDirectories(home));
                }
                context.getBeanFactory().registerSingleton("stateLock", new StateLock(lock));
                context.addApplicationListener((ContextClosedEvent closed) -> {
                    try {
                        lock.close();
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
