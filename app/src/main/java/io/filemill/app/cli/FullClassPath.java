package io.filemill.app.cli;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The way back from {@code run}'s lean class path. {@code bin/filemill} starts {@code run} from
 * {@code filemill-run.jar}, whose class path leaves out what only other commands and runs across
 * machines use (the broker client, the web server, metrics export), because every jar on the class
 * path is opened at start. A run that its configuration sends across machines ({@code cluster.partitions}
 * in a configuration file, which the launcher cannot see) needs the broker client: it runs again,
 * in this JVM and before it has taken a lock or written anything, on the full class path of
 * {@code filemill.jar} beside it, in a class loader of its own.
 */
final class FullClassPath {

    /** A class of the broker client, which only the full class path holds. */
    private static final String BROKER_CLIENT = "org/apache/activemq/artemis/jms/client/ActiveMQConnectionFactory.class";

    private FullClassPath() {
    }

    /** Whether this JVM runs on the lean class path: without the broker client. */
    static boolean isLean() {
        return FullClassPath.class.getClassLoader().getResource(BROKER_CLIENT) == null;
    }

    /**
     * Runs {@code arguments} again on the full class path; its {@code main} exits the JVM with the
     * command's exit code, so this returns only when it cannot start.
     *
     * @throws IllegalStateException when there is no {@code filemill.jar} with the broker client beside the lean one
     */
    static void rerun(List<String> arguments) throws ReflectiveOperationException {
        Path full = fullJar();
        ClassLoader loader = new URLClassLoader("filemill-full", new URL[] {url(full)}, ClassLoader.getPlatformClassLoader());
        if (loader.getResource(BROKER_CLIENT) == null) {
            // else the command would find itself lean again, and again
            throw new IllegalStateException("a run across machines needs the broker client, which the class path of "
                    + full + " does not hold either");
        }
        Thread.currentThread().setContextClassLoader(loader);
        try {
            loader.loadClass(FilemillMain.class.getName()).getMethod("main", String[].class)
                    .invoke(null, (Object) arguments.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static Path fullJar() {
        Path lean;
        try {
            lean = Path.of(FullClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where filemill runs from: " + e.getMessage(), e);
        }
        Path full = lean.resolveSibling("filemill.jar");
        if (!Files.isRegularFile(full)) {
            throw new IllegalStateException("a run across machines needs the broker client of " + full + ", which is missing");
        }
        return full;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
