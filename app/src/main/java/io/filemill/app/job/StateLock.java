package io.filemill.app.job;

import io.filemill.app.config.FilemillProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The run lock, held by a process that runs the job ({@code run}, {@code schedule}) from start to
 * exit. It is taken before the job repository is opened, so a second process on the same state
 * directory stops here, with exit code 75 and the holder's name, instead of failing on the
 * embedded database that the first one has open.
 */
@Component
@ConditionalOnProperty(name = StateLock.PROPERTY, havingValue = "true")
public class StateLock implements DisposableBean {

    /** Set by the commands that run the job. */
    public static final String PROPERTY = "filemill.hold-lock";

    private final RunLock lock;

    StateLock(FilemillProperties properties) throws IOException {
        Path home = Files.createDirectories(properties.home().toAbsolutePath().normalize());
        this.lock = RunLock.acquire(home);
    }

    @Override
    public void destroy() throws IOException {
        lock.close();
    }
}
