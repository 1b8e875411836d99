package io.filemill.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.SampleData;
import io.filemill.app.cli.FilemillCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input is refused before anything is written: exit code 2, one line on stderr that names the
 * option or setting, the value and what is accepted, and not one file created.
 */
class BadInputTests {

    @TempDir
    Path root;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(root.resolve("work/inbox"));
        Files.writeString(root.resolve("work/inbox/doc.md"), "# a title\n");
        Files.writeString(root.resolve("typo.yml"), "filemill:\n  wrokers: 3\n");
        Files.writeString(root.resolve("typo.properties"), "filemill.delivery.batch-sise=4\n");
        Files.writeString(root.resolve("broken.yml"), "filemill:\n  workers: [\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --config ROOT/nope.yml                 | --config ROOT/nope.yml: no such file",
        "run --config ROOT/broken.yml               | cannot read the configuration",
        "run --config ROOT/typo.yml                 | unknown setting 'filemill.wrokers' in ROOT/typo.yml; did you mean 'filemill.workers'?",
        "run --config ROOT/typo.properties          | did you mean 'filemill.delivery.batch-size'?",
        "run --filemill.delivery.colision=replace   | unknown setting 'filemill.delivery.colision'; did you mean 'filemill.delivery.collision'?",
        "run --mode bogus                           | filemill.mode: 'bogus' is not one of thread, process",
        "run --durability sometimes                 | filemill.delivery.durability: 'sometimes' is not one of durable, fast",
        "run --min-age soon                         | filemill.scan.min-age: 'soon' is not a duration; write it like 500ms, 5s, 2m or 1h",
        "run --min-age -5s                          | scan.min-age must not be negative, not -5s",
        "run --workers 0                            | workers must be between 1 and 256, not 0",
        "run --filemill.scan.read-ahead=65          | scan: read-ahead must be between 0 and 64, not 65",
        "run --filemill.scan.read-ahead=-1          | scan: read-ahead must be between 0 and 64, not -1",
        "run --workers abc                          | Invalid value for option '--workers': 'abc' is not an int (see 'filemill run --help')",
        "run --no-such-option                       | Unknown option: '--no-such-option' (see 'filemill run --help')",
        "run --rule shout                           | unknown title rule 'shout'",
        "run --filemill.worker.jvm-options=-Xlog:gc | worker.jvm-options: '-Xlog:gc' logs to the worker's stdout, which carries its frames to filemill; name another output, such as -Xlog:gc:stderr or -Xlog:gc:file=PATH",
        "run --filemill.worker.jvm-options=-Xmx96m,-Xlog:gc*=debug:stdout:uptime | worker.jvm-options: '-Xlog:gc*=debug:stdout:uptime' logs to the worker's stdout",
        "run --filemill.worker.jvm-options=-Xlog    | worker.jvm-options: '-Xlog' logs to the worker's stdout, which carries its frames to filemill; name another output, such as -Xlog:all=warning:stderr",
        "run --filemill.worker.jvm-options=-verbose:gc | worker.jvm-options: '-verbose:gc' logs to the worker's stdout",
        "run --filemill.title.file-timeout=5m       | worker.task-timeout (120 s) must be longer than title.file-timeout (300 s)",
        "run --home ROOT/work/inbox/state           | home ROOT/work/inbox/state must not be, contain or lie inside inbox ROOT/work/inbox",
        "run --inbox ROOT/nowhere                   | inbox ROOT/nowhere does not exist or is not a directory",
        "schedule --cron x                          | schedule.cron 'x' is not a cron expression",
        "schedule --cron '0 2 * * *'                | schedule.cron '0 2 * * *' is not a cron expression",
        "schedule --zone Mars/Base                  | schedule.zone 'Mars/Base' is not a time zone",
        "schedule --misfire never                   | filemill.schedule.misfire: 'never' is not one of run-once, skip",
        "watch --rescan soon                        | filemill.watch.rescan: 'soon' is not a duration; write it like 500ms, 5s, 2m or 1h",
        "watch --rescan 0s                          | watch.rescan must be a positive duration such as 30s, not 0s",
        "watch --inbox ROOT/nowhere                 | inbox ROOT/nowhere does not exist or is not a directory",
        "watch --filemill.watch.rescna=5s           | did you mean 'filemill.watch.rescan'?",
        "generate --files -1 --out ROOT/corpus      | --files must be 0 or more, not -1",
        "show 7 --home ROOT/nowhere                 | no run 7: ROOT/nowhere holds no job repository",
        "history --limit 0 --home ROOT/work/state   | --limit must be at least 1, not 0",
        "history --limit -3 --home ROOT/work/state  | --limit must be at least 1, not -3"})
    void isRefusedWithOneLineAndExitTwoBeforeAnythingIsWritten(String arguments, String message) throws IOException {
        List<String> before = SampleData.relativeFiles(root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new FilemillCli(new PrintStream(out, true), new PrintStream(err, true)).run(arguments(arguments));

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stderr).isEqualTo(2);
        assertThat(stderr.lines().filter(line -> line.startsWith("filemill: ")).toList()).as(stderr)
                .singleElement().asString().contains(message.replace("ROOT", root.toString()));
        assertThat(SampleData.relativeFiles(root)).as("files after the refusal").isEqualTo(before);
        assertThat(root.resolve("nowhere")).doesNotExist();
    }

    /** Splits on spaces, keeping 'quoted words' together; ROOT is the test's directory; the state goes in ROOT/work. */
    private String[] arguments(String line) {
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher word = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(line.strip());
        while (word.find()) {
            words.add((word.group(1) != null ? word.group(1) : word.group(2)).replace("ROOT", root.toString()));
        }
        if (List.of("run", "schedule", "watch").contains(words.get(0))) {
            for (String option : List.of("--inbox", "--processed", "--failed", "--home")) {
                if (!words.contains(option)) {
                    words.add(option);
                    words.add(root.resolve("work").resolve(option.substring(2)).toString());
                }
            }
        }
        return words.toArray(String[]::new);
    }
}
