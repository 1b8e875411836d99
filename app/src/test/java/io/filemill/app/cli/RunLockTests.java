package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.SampleData;
import io.filemill.app.corpus.CorpusGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real filemill processes on one state directory. */
class RunLockTests {

    @TempDir
    Path root;

    private Process start(String name) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName(), "run",
                "--inbox", root.resolve("inbox").toString(), "--processed", root.resolve("processed").toString(),
                "--failed", root.resolve("failed").toString(), "--home", root.resolve("state").toString(),
                "--min-age", "0s");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve(name).toFile()).start();
    }

    @Test
    void twoRunsRacingExactlyOneProcessesTheOtherExitsSeventyFiveNamingTheHolder() throws Exception {
        int files = 3000;
        new CorpusGenerator(5).generate(root.resolve("inbox"), files);

        Process first = start("first.log");
        Process second = start("second.log");
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

        List<Integer> exits = new ArrayList<>(List.of(first.exitValue(), second.exitValue()));
        String logs = Files.readString(root.resolve("first.log")) + Files.readString(root.resolve("second.log"));
        assertThat(exits).as(logs).containsExactlyInAnyOrder(ExitCodes.OK, ExitCodes.LOCKED);
        assertThat(logs).containsOnlyOnce("filemill: another filemill run holds").contains("pid=", "started=");
        assertThat(SampleData.relativeFiles(root.resolve("processed"))).hasSize(files);
        assertThat(SampleData.relativeFiles(root.resolve("inbox"))).isEmpty();
    }
}
