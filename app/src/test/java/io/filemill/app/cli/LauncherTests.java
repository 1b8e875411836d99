package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/filemill}, the launcher, run from a distribution laid out in a temporary directory
 * against a stand-in {@code java} that writes down the arguments it was given: which jar it starts,
 * with which compiler and which class data archive or ahead-of-time cache, for the JDK whose
 * {@code release} file sits beside it.
 */
class LauncherTests {

    private static final Path LAUNCHER = Path.of("src/main/dist/bin/filemill").toAbsolutePath();

    @TempDir
    Path root;

    private Path dist;
    private Path argumentsFile;

    @BeforeEach
    void layOutADistribution() throws IOException {
        dist = Files.createDirectories(root.resolve("filemill"));
        Files.createDirectories(dist.resolve("bin"));
        Files.copy(LAUNCHER, dist.resolve("bin/filemill"));
        Files.setPosixFilePermissions(dist.resolve("bin/filemill"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(dist.resolve("filemill.jar"));
        Files.createFile(dist.resolve("filemill-run.jar"));
        argumentsFile = root.resolve("arguments");
    }

    /** A JDK home with a {@code release} file naming {@code version} (none when null) and a java that records its arguments. */
    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(root.resolve(name).resolve("bin")).getParent();
        if (version != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\"" + version
                    + "\"\nJAVA_VERSION=\"" + version.replaceAll("[+-].*", "") + "\"\n");
        }
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + argumentsFile + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** Runs the launcher with {@code java} and the given environment; returns the arguments java got. */
    private List<String> launch(Path java, Map<String, String> environment, String... arguments) throws Exception {
        Files.deleteIfExists(argumentsFile);
        List<String> command = new ArrayList<>(List.of(dist.resolve("bin/filemill").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("FILEMILL_"));
        builder.environment().put("FILEMILL_JAVA", java.toString());
        builder.environment().putAll(environment);
        Process launcher = builder.start();
        String output = new String(launcher.getInputStream().readAllBytes());
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).as(output).isZero();
        return Files.readAllLines(argumentsFile);
    }

    /** The value of the option {@code prefix} starts, or null when java was not given it. */
    private static String option(List<String> arguments, String prefix) {
        return arguments.stream().filter(argument -> argument.startsWith(prefix)).findFirst()
                .map(argument -> argument.substring(prefix.length())).orElse(null);
    }

    private static String requiredOption(List<String> arguments, String prefix) {
        String value = option(arguments, prefix);
        assertThat(value).as("%s... among %s", prefix, arguments).isNotNull();
        return value;
    }

    @Test
    void aRunStartsFromTheLeanJarWithTheQuickCompilerAndOtherCommandsFromTheFullOne() throws Exception {
        Path java = jdk("jdk17", "17.0.15+6-Debian-1deb12u1");

        List<String> run = launch(java, Map.of(), "run", "--inbox", "in");
        List<String> acrossMachines = launch(java, Map.of(), "run", "--partitions", "2");
        List<String> history = launch(java, Map.of(), "history");
        List<String> schedule = launch(java, Map.of(), "schedule");

        assertThat(run).contains("-XX:TieredStopAtLevel=1").containsSubsequence("-jar",
                dist.resolve("filemill-run.jar").toString(), "run", "--inbox", "in");
        assertThat(acrossMachines).containsSubsequence("-jar", dist.resolve("filemill.jar").toString(), "run");
        assertThat(history).contains("-XX:TieredStopAtLevel=1").containsSubsequence("-jar",
                dist.resolve("filemill.jar").toString(), "history");
        assertThat(schedule).doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void onJdk17TheArchiveTrainedForAJdkBuildIsTheOneItsLaterStartsMap() throws Exception {
        Path java = jdk("jdk17", "17.0.15+6-Debian-1deb12u1");
        Path cds = root.resolve("cds");

        assertThat(option(launch(java, Map.of("FILEMILL_CDS_DIR", cds.toString()), "run"), "-XX:SharedArchiveFile="))
                .as("no archive yet").isNull();
        String trained = requiredOption(launch(java, Map.of("FILEMILL_CDS_DIR", cds.toString(), "FILEMILL_CDS", "train"), "run"),
                "-XX:ArchiveClassesAtExit=");
        assertThat(Path.of(trained).getParent()).isEqualTo(cds);
        assertThat(Path.of(trained).getFileName().toString()).matches("filemill-run-17\\.0\\.15\\+6-Debian-1deb12u1-\\d+\\.jsa");
        Files.createFile(Path.of(trained));

        assertThat(requiredOption(launch(java, Map.of("FILEMILL_CDS_DIR", cds.toString()), "run"), "-XX:SharedArchiveFile="))
                .isEqualTo(trained);
        assertThat(launch(java, Map.of("FILEMILL_CDS_DIR", cds.toString(), "FILEMILL_CDS", "off"), "run"))
                .noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void anotherJdkBuildAtAnotherHomeGetsAnArchiveOfItsOwn() throws Exception {
        Path cds = root.resolve("cds");
        Map<String, String> training = Map.of("FILEMILL_CDS_DIR", cds.toString(), "FILEMILL_CDS", "train");

        String first = requiredOption(launch(jdk("jdk17a", "17.0.15+6"), training, "run"), "-XX:ArchiveClassesAtExit=");
        String otherHome = requiredOption(launch(jdk("jdk17b", "17.0.15+6"), training, "run"), "-XX:ArchiveClassesAtExit=");
        String otherBuild = requiredOption(launch(jdk("jdk17c", "17.0.16+8"), training, "run"), "-XX:ArchiveClassesAtExit=");

        assertThat(List.of(first, otherHome, otherBuild)).doesNotHaveDuplicates();
    }

    @Test
    void fromJdk19TheJvmKeepsTheArchiveUpToDateItself() throws Exception {
        List<String> arguments = launch(jdk("jdk21", "21.0.5+11-LTS"), Map.of("FILEMILL_CDS_DIR",
                Files.createDirectories(root.resolve("cds")).toString()), "run");

        assertThat(Path.of(requiredOption(arguments, "-XX:SharedArchiveFile=")).getFileName().toString())
                .matches("filemill-run-21\\.0\\.5\\+11-LTS-\\d+\\.jsa");
        assertThat(arguments).contains("-XX:+AutoCreateSharedArchive");
    }

    @Test
    void onJdk25TrainingWritesAnAheadOfTimeCacheThatLaterStartsUse() throws Exception {
        Path java = jdk("jdk25", "25.0.3+9-LTS");
        Path cds = root.resolve("cds");

        String cache = requiredOption(launch(java, Map.of("FILEMILL_CDS_DIR", cds.toString(), "FILEMILL_CDS", "train"), "run"),
                "-XX:AOTCacheOutput=");
        assertThat(Path.of(cache).getFileName().toString()).matches("filemill-run-25\\.0\\.3\\+9-LTS-\\d+\\.aot");
        Files.createFile(Path.of(cache));

        assertThat(requiredOption(launch(java, Map.of("FILEMILL_CDS_DIR", cds.toString()), "run"), "-XX:AOTCache="))
                .isEqualTo(cache);
    }

    @Test
    void aJavaWithoutAReleaseFileStartsWithoutAnArchive() throws Exception {
        List<String> arguments = launch(jdk("unknown", null), Map.of("FILEMILL_CDS_DIR", root.resolve("cds").toString()),
                "run");

        assertThat(arguments).noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile")
                || argument.startsWith("-XX:AOTCache") || argument.startsWith("-XX:ArchiveClassesAtExit"));
        assertThat(arguments).containsSubsequence("-jar", dist.resolve("filemill-run.jar").toString(), "run");
    }
}
