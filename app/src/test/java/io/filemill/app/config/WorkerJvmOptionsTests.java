package io.filemill.app.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which worker JVM options the configuration check lets through: none may log to the frame stream. */
class WorkerJvmOptionsTests {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Xmx256m", "-Xlog:gc:stderr", "-Xlog:gc*=debug:file=/tmp/gc-%p.log:uptime",
        "-Xlog:gc:gc.txt", "-Xlog:disable", "-Xlog:async", "-XX:+PrintCompilation", "-Xlog:all=off:STDERR"})
    void optionsThatKeepStdoutForFramesAreAccepted(String option) {
        assertThatCode(() -> SettingsCheck.workerJvmOptions(List.of(option))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Xlog", "-Xlog:gc", "-Xlog:gc:", "-Xlog::stdout", "-Xlog:gc:STDOUT:uptime", "-Xlog:help",
        "-verbose", "-verbose:class"})
    void optionsThatLogToStdoutAreRefusedByName(String option) {
        assertThatThrownBy(() -> SettingsCheck.workerJvmOptions(List.of("-Xmx256m", option)))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("worker.jvm-options: '" + option + "' logs to the worker's stdout");
    }
}
