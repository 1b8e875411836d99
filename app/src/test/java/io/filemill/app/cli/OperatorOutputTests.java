package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.SampleData;
import io.filemill.app.config.ConfigurationCheck;
import io.filemill.app.config.FilemillProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What an operator reads: help with defaults, -q and -v, the log file, and shell completion. */
class OperatorOutputTests {

    /** "(default VALUE; filemill.KEY)" in a help text, wrapped over lines or not. */
    private static final Pattern STATED_DEFAULT = Pattern.compile("\\(default ([^;()]+); (filemill\\.[a-z.-]+)\\)");

    @TempDir
    Path root;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int filemill(String... args) {
        return new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String help(String command) {
        out.reset();
        assertThat(filemill(command, "--help")).isZero();
        // picocli wraps at 80 columns, also inside words with dots: join the lines back together
        return out.toString(StandardCharsets.UTF_8).replaceAll("\\s*\\R\\s+", " ").replaceAll("\\.\\s+(?=[a-z])", ".");
    }

    @Test
    void theVersionAndTheUsageNeedNoCommand() {
        assertThat(filemill("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("filemill ");
        out.reset();
        assertThat(filemill("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("run", "schedule", "history");
        assertThat(filemill("no-such-command")).isEqualTo(ExitCodes.FATAL);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-such-command").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "schedule", "history", "show"})
    void everyDefaultTheHelpStatesIsTheBuiltInDefaultOfItsSetting(String command) {
        String help = help(command);
        List<String> checked = new ArrayList<>();
        Matcher stated = STATED_DEFAULT.matcher(help);
        FilemillProperties builtIn = bind(Map.of());
        while (stated.find()) {
            String value = stated.group(1).replace("'", "");
            String key = stated.group(2);
            if (value.equals("the systems")) {
                value = "";
            }
            assertThat(bind(Map.of(key, value))).as(key + " = " + value).isEqualTo(builtIn);
            checked.add(key);
        }
        assertThat(checked).as(help).isNotEmpty();
    }

    private static FilemillProperties bind(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return ConfigurationCheck.check(environment);
    }

    @Test
    void helpListsTheAcceptedValuesOfEveryChoice() {
        assertThat(help("run")).contains("--mode=thread|process", "--durability=durable|fast",
                "--collision=suffix|replace|fail", "Rules: trim, collapse-whitespace, title-case, upper, lower",
                "-q, --quiet", "-v, --verbose", "--log-file=FILE");
        assertThat(help("schedule")).contains("--misfire=run-once|skip");
    }

    private int runOnSampleData(String... extra) throws Exception {
        SampleData.copyInbox(root.resolve("inbox"));
        List<String> args = new ArrayList<>(List.of("run", "--inbox", root.resolve("inbox").toString(),
                "--processed", root.resolve("processed").toString(), "--failed", root.resolve("failed").toString(),
                "--home", root.resolve("state").toString(), "--min-age", "0s",
                "--log-file", root.resolve("logs/filemill.log").toString()));
        args.addAll(List.of(extra));
        return filemill(args.toArray(String[]::new));
    }

    private String logFile() throws Exception {
        return Files.readString(root.resolve("logs/filemill.log"));
    }

    @Test
    void theLogFileGetsTheRunsInfoLinesAndNotEachFile() throws Exception {
        assertThat(runOnSampleData()).isEqualTo(ExitCodes.FILES_FAILED);
        assertThat(logFile()).contains("INFO", "run started", "run 1 finished").doesNotContain("delivered README.md");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("delivered    31"); // the summary, as always

        long logged = Files.size(root.resolve("logs/filemill.log"));
        Files.createDirectories(root.resolve("inbox2"));
        assertThat(filemill("run", "--inbox", root.resolve("inbox2").toString(), "--home", root.resolve("state2").toString(),
                "--processed", root.resolve("processed").toString(), "--failed", root.resolve("failed").toString()))
                .isZero();
        assertThat(root.resolve("logs/filemill.log")).as("a later command without the option").hasSize(logged);
    }

    @Test
    void verboseLogsEachFilesOutcome() throws Exception {
        assertThat(runOnSampleData("-v")).isEqualTo(ExitCodes.FILES_FAILED);
        assertThat(logFile()).contains("DEBUG", "run 1 finished").containsPattern("delivered \\S+ -> ")
                .containsPattern("failed image.png: binary content");
    }

    @Test
    void aLevelGivenAsASettingWinsOverVerbose() throws Exception {
        assertThat(runOnSampleData("-v", "--logging.level.io.filemill=INFO")).isEqualTo(ExitCodes.FILES_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("bad configuration");
        assertThat(logFile()).contains("run 1 finished").doesNotContain("DEBUG");
    }

    @Test
    void quietLogsOnlyWarningsAndErrorsButStillPrintsTheSummary() throws Exception {
        assertThat(runOnSampleData("-q")).isEqualTo(ExitCodes.FILES_FAILED);
        assertThat(root.resolve("logs/filemill.log")).satisfiesAnyOf(
                log -> assertThat(log).doesNotExist(),
                log -> assertThat(log).content().doesNotContain(" INFO ", " DEBUG "));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("delivered    31");
    }

    @Test
    void theCompletionScriptKnowsEveryCommandAndItsOptions() {
        assertThat(filemill("completion")).isZero();
        String script = out.toString(StandardCharsets.UTF_8);
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_filemill");
        assertThat(script).contains("local commands=\"" + String.join(" ", FilemillCommand.SUBCOMMANDS.keySet()) + "\"");
        for (String command : FilemillCommand.SUBCOMMANDS.keySet()) {
            assertThat(script).as(command).contains("_picocli_filemill_" + command + "()");
        }
        assertThat(script).contains("--inbox", "--durability", "--misfire", "--limit", "--quiet");
    }

    @Test
    void theCompletionScriptIsValidBash() throws Exception {
        assertThat(filemill("completion")).isZero();
        Path script = Files.writeString(root.resolve("filemill-completion.bash"), out.toString(StandardCharsets.UTF_8));
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String problems = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(problems).isZero();
    }
}
