package io.filemill.app.compare;

import io.filemill.app.worker.WorkerClasspath;
import io.filemill.pipeline.baseline.BaselineLoop;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes a comparison starts: filemill itself, started the way this JVM was (through the
 * distribution's {@code bin/filemill} launcher, {@code java -jar filemill.jar}, or the main class on
 * this class path in a build tree), and the baseline program on the plain class path of the pipeline
 * module. Both use this JVM's {@code java} and the given options.
 */
final class JavaCommands {

    private final String java;
    private final List<String> jvmOptions;
    private final String mainClass;
    private final Path home;

    /**
     * @param jvmOptions options for every JVM started, for example {@code -Xmx256m}
     * @param mainClass  filemill's main class, for a JVM started from the class path
     * @param home       the state directory the trials share; the baseline's jars are extracted there
     */
    JavaCommands(List<String> jvmOptions, String mainClass, Path home) {
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.mainClass = mainClass;
        this.home = home;
    }

    /** {@code filemill ARGS} in a new JVM. */
    ProcessBuilder filemill(List<String> args) throws IOException {
        Path launcher = distributionLauncher();
        if (launcher != null) {
            List<String> command = new ArrayList<>(List.of(launcher.toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("FILEMILL_JAVA", java);
            builder.environment().put("FILEMILL_JAVA_OPTS", String.join(" ", jvmOptions));
            return builder;
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        Path fatJar = WorkerClasspath.fatJar();
        if (fatJar != null) {
            command.addAll(List.of("-jar", fatJar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        }
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /** The baseline program over an inbox on {@code threads} threads in a new JVM, forcing each file when {@code forced}. */
    ProcessBuilder baseline(Path inbox, Path processed, int threads, boolean forced) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", WorkerClasspath.resolve(home), BaselineLoop.class.getName(),
                inbox.toString(), processed.toString(), "--threads", Integer.toString(threads)));
        if (forced) {
            command.add("--force");
        }
        return new ProcessBuilder(command);
    }

    /**
     * {@code bin/filemill} when this JVM runs the extracted distribution ({@code DIST/filemill.jar} as
     * the class path, launched by {@code DIST/bin/filemill}), else null.
     */
    private static Path distributionLauncher() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith("filemill.jar")) {
            return null;
        }
        Path launcher = Path.of(classPath).toAbsolutePath().resolveSibling("bin").resolve("filemill");
        return Files.isExecutable(launcher) ? launcher : null;
    }
}
