package io.filemill.app.compare;

import io.filemill.app.corpus.CorpusProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code filemill compare} runs: every configuration, {@code repeats} times, interleaved (all
 * configurations once, then all again), each time on a fresh copy of one generated corpus.
 */
public record ComparePlan(int files, CorpusProfile profile, long seed, int repeats,
                          List<Configuration> configurations) {

    public ComparePlan {
        if (files < 1 || repeats < 1) {
            throw new IllegalArgumentException("files and repeats must be at least 1");
        }
        configurations = List.copyOf(configurations);
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
    }

    /**
     * The configurations for every combination of durability, workers and mode; when
     * {@code baseline} is set, the baseline program with as many threads precedes each worker count.
     */
    public static List<Configuration> combinations(List<String> modes, List<Integer> workers,
                                                   List<String> durabilities, boolean baseline) {
        List<Configuration> configurations = new ArrayList<>();
        for (String durability : durabilities) {
            for (int count : workers) {
                if (baseline) {
                    configurations.add(Configuration.baseline(count, durability));
                }
                for (String mode : modes) {
                    configurations.add(Configuration.filemill(mode, count, durability));
                }
            }
        }
        return configurations;
    }

    /** The runs in the order they happen: {@code repeats} rounds of every configuration. */
    public List<Trial> trials() {
        List<Trial> trials = new ArrayList<>();
        for (int round = 1; round <= repeats; round++) {
            for (Configuration configuration : configurations) {
                trials.add(new Trial(trials.size() + 1, round, configuration));
            }
        }
        return trials;
    }

    /** One run of one configuration. */
    public record Trial(int number, int round, Configuration configuration) {
    }
}
