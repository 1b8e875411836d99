package io.filemill.app.compare;

import io.filemill.app.corpus.CorpusProfile;
import java.time.Instant;
import java.util.List;

/**
 * Everything one {@code filemill compare} found: where it ran, on what, every trial, the summary of
 * each configuration, and the verdict. Written as
 * {@code report.json}, {@code report.csv}, {@code trials.csv} and {@code report.html}.
 */
public record CompareReport(
        Instant started,
        Instant finished,
        Machine machine,
        Corpus corpus,
        int repeats,
        List<TrialResult> trials,
        List<ConfigurationSummary> summaries,
        List<String> verdict) {

    public CompareReport {
        trials = List.copyOf(trials);
        summaries = List.copyOf(summaries);
        verdict = List.copyOf(verdict);
    }

    /** The machine and JVM the trials ran on, and the state of the file cache each trial started in. */
    public record Machine(int cores, String os, String java, List<String> jvmOptions, String pageCache) {

        static Machine current(List<String> jvmOptions, String pageCache) {
            return new Machine(Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    jvmOptions, pageCache);
        }
    }

    /** The generated corpus every trial worked on. */
    public record Corpus(int files, CorpusProfile profile, long seed, long bytes) {
    }
}
