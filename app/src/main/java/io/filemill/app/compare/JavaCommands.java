package io.filemill.app.compare;

import io.filemill.app.FilemillMain;
import io.filemill.app.worker.WorkerClasspath;
import io.filemill.pipeline.baseline.BaselineLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the JVMs a comparison starts: filemill itself, started the way this JVM was
 * ({@code java -jar filemill.jar}, or the main class on this class path in a build tree), and the
 * baseline loop on the plain class path of the pipeline module.
 */
final class JavaCommands {

    private final String java;
    private final List<String> jvmOptions;
    private final Path home;

    /**
     * @param jvmOptions options for every JVM started, for example {@code -Xmx256m}
     * @param home       the state directory the trials share; the baseline's jars are extracted there
     */
    JavaCommands(List<String> jvmOptions, Path home) {
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.home = home;
    }

    /** {@code filemill ARGS} in a new JVM. */
    List<String> filemill(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        Path fatJar = WorkerClasspath.fatJar();
        if (fatJar != null) {
            command.addAll(List.of("-jar", fatJar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FilemillMain.class.getName()));
        }
        command.addAll(args);
        return command;
    }

    /** The baseline loop over an inbox in a new JVM, forcing each file when {@code forced}. */
    List<String> baseline(Path inbox, Path processed, boolean forced) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", WorkerClasspath.resolve(home), BaselineLoop.class.getName(),
                inbox.toString(), processed.toString()));
        if (forced) {
            command.add("--force");
        }
        return command;
    }
}
