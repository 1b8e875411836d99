package io.filemill.app.worker;

import io.filemill.app.config.FilemillProperties;
import io.filemill.pipeline.stage.WorkerCommand;
import io.filemill.worker.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the command line of a worker JVM: this JVM's {@code java}, options that keep everything but
 * frames off stdout, the configured options, the worker's name and state directory (so that
 * {@code ps} shows which run a worker serves), class data sharing, the worker class path and main
 * class. Class data sharing makes start-up fast: on JDK 19 and later the archive is created and
 * reused automatically ({@code -XX:+AutoCreateSharedArchive}); on JDK 17 the first worker of a
 * stage writes it at exit and later workers of that stage map it. Each stage has an archive of its
 * own, since an archive holds the classes its one training worker loaded: with one for all, the
 * deliver worker loaded 150 classes that the retitle worker had not. The archive's name is a hash
 * of the JDK, the class path (with each jar's size and modification time) and the options, and the
 * stage's name, so a new build or JDK gets a new one.
 */
final class WorkerLauncher implements WorkerCommand {

    /**
     * Options every worker gets: JVM warnings, errors and thread dumps stay off the frame stream, and
     * a worker out of memory exits at once (a crash the parent handles) instead of limping on.
     */
    static final List<String> FIXED_OPTIONS = List.of("-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+DisplayVMOutputToStderr", "-XX:+ExitOnOutOfMemoryError");

    private final List<String> prefix;
    private final Path home;
    private final Path workerLock;
    private final Path archiveDir;
    private final String archiveName;
    private final boolean autoArchive;
    /** Per stage, the temporary archive its training worker writes; workers start on several threads at once. */
    private final Map<Path, Path> pendingArchives = new ConcurrentHashMap<>();

    private WorkerLauncher(List<String> prefix, Path home, Path workerLock, Path archiveDir, String archiveName,
                           boolean autoArchive) {
        this.prefix = prefix;
        this.home = home;
        this.workerLock = workerLock;
        this.archiveDir = archiveDir;
        this.archiveName = archiveName;
        this.autoArchive = autoArchive;
    }

    /**
     * A launcher for the given configuration; the state directory holds extracted jars and archives,
     * and each worker holds {@code workerLock} shared for its life.
     */
    public static WorkerLauncher create(FilemillProperties.Worker settings, Path home, Path workerLock)
            throws IOException {
        String classPath = WorkerClasspath.resolve(home);
        List<String> prefix = new ArrayList<>();
        prefix.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the configured options after the fixed ones, so that an -Xlog option of theirs takes effect (the
        // configuration check refuses one that would log to stdout)
        prefix.addAll(FIXED_OPTIONS);
        prefix.addAll(settings.jvmOptions());
        prefix.add("-cp");
        prefix.add(classPath);
        Path archiveDir = null;
        String archiveName = null;
        if (settings.classDataSharing()) {
            archiveDir = Files.createDirectories(home.resolve("worker"));
            archiveName = archiveName(classPath, settings.jvmOptions());
        }
        return new WorkerLauncher(List.copyOf(prefix), home, workerLock, archiveDir, archiveName,
                Runtime.version().feature() >= 19);
    }

    @Override
    public List<String> forWorker(String stageName, String workerName) {
        List<String> command = new ArrayList<>(prefix.subList(0, prefix.size() - 2));
        // who this worker is and which run it serves, for ps and for operators
        command.add("-Dfilemill.worker=" + workerName);
        command.add("-Dfilemill.home=" + home);
        command.add("-Dfilemill.worker.lock=" + workerLock);
        if (archiveDir != null) {
            Path archive = archiveDir.resolve(archiveName + "-" + stageName.replaceAll("[^A-Za-z0-9_-]", "_") + ".jsa");
            if (autoArchive) {
                command.add("-XX:+AutoCreateSharedArchive");
                command.add("-XX:SharedArchiveFile=" + archive);
            } else if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
            } else {
                Path pending = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                if (pendingArchives.putIfAbsent(archive, pending) == null) {
                    command.add("-XX:ArchiveClassesAtExit=" + pending);
                }
            }
        }
        command.addAll(prefix.subList(prefix.size() - 2, prefix.size()));
        command.add(WorkerMain.class.getName());
        return command;
    }

    /** After the workers have exited: publishes the archives written on JDK 17, so later starts use them. */
    public void workersExited() {
        pendingArchives.forEach((archive, written) -> publish(written, archive));
    }

    private static void publish(Path written, Path archive) {
        if (Files.isRegularFile(written)) {
            try {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(written);
                } catch (IOException ignored) {
                    // a stale temporary archive costs only disk space
                }
            }
        }
    }

    /**
     * The name of the archives of one JDK, class path and set of options. Each jar's size and
     * modification time are part of it: a JVM refuses an archive once a jar it was made from has
     * changed ("A jar file is not the one used while building the shared archive file") and then
     * starts without one, so a build installed over the one before, at the same paths, must get new
     * archives rather than workers that never map theirs again.
     */
    static String archiveName(String classPath, List<String> jvmOptions) throws IOException {
        StringBuilder key = new StringBuilder(System.getProperty("java.home")).append(Runtime.version());
        for (String entry : classPath.split(File.pathSeparator)) {
            key.append(File.pathSeparatorChar).append(entry);
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                key.append('@').append(Files.size(path)).append('@').append(Files.getLastModifiedTime(path).toMillis());
            }
        }
        return "cds-" + hash(key.append(jvmOptions).toString());
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
