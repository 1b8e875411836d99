package io.filemill.app.worker;

import com.sun.jna.Native;
import io.filemill.pipeline.stage.Stage;
import io.filemill.worker.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;

/**
 * The class path of a worker JVM: only the worker and pipeline modules and JNA, never Spring. From the
 * packaged {@code filemill.jar} those two jars are extracted once into the state directory (a plain
 * class path starts about twice as fast as a launcher over nested jars); from a build tree or an
 * IDE, the modules' own locations are used.
 */
public final class WorkerClasspath {

    /** The jars a worker needs: its module, the pipeline module, and JNA (the pipeline's syncfs). */
    private static final List<Pattern> JARS = List.of(Pattern.compile("filemill-worker-.*\\.jar"),
            Pattern.compile("filemill-pipeline-.*\\.jar"), Pattern.compile("jna-[0-9].*\\.jar"));

    private WorkerClasspath() {
    }

    /** The class path for a worker JVM: the extracted jars of the worker and pipeline modules and of JNA. */
    public static String resolve(Path home) throws IOException {
        Path fatJar = fatJar();
        if (fatJar != null) {
            return extract(fatJar, home.resolve("worker"));
        }
        return String.join(File.pathSeparator, location(WorkerMain.class), location(Stage.class), location(Native.class));
    }

    /** The Spring Boot jar this JVM was started from with {@code java -jar}, or null. */
    public static Path fatJar() throws IOException {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("BOOT-INF/lib/") != null || file.getEntry("BOOT-INF/classes/") != null ? jar : null;
        }
    }

    private static String extract(Path fatJar, Path workerDir) throws IOException {
        String version = Long.toHexString(Files.size(fatJar)) + "-" + Long.toHexString(Files.getLastModifiedTime(fatJar).toMillis());
        Path dir = workerDir.resolve("lib-" + version);
        if (!Files.isDirectory(dir)) {
            Path temp = Files.createDirectories(workerDir).resolve(".lib-" + version + "-" + ProcessHandle.current().pid());
            FileUtils.deleteDirectory(temp.toFile());
            Files.createDirectories(temp);
            try (JarFile jar = new JarFile(fatJar.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                    if (entry.getName().startsWith("BOOT-INF/lib/") && JARS.stream().anyMatch(wanted -> wanted.matcher(name).matches())) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, temp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException anotherProcessWasFaster) {
                FileUtils.deleteDirectory(temp.toFile());
            }
        }
        List<String> jars = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
        }
        if (jars.size() != JARS.size()) {
            throw new IOException("worker jars missing in " + dir + ": found " + jars);
        }
        return String.join(File.pathSeparator, jars);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }
}
