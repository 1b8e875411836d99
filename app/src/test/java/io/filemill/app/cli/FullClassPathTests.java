package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link FullClassPath} on the full class path (the tests'); the lean one is checked where it is
 * made: {@code assemble.sh} runs a run across machines from {@code filemill-run.jar}.
 */
class FullClassPathTests {

    @Test
    void theFullClassPathIsNotLean() {
        // a wrong name of the broker client's class would send every run across machines round again
        assertThat(FullClassPath.isLean()).isFalse();
    }
}
