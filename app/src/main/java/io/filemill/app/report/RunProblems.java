package io.filemill.app.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The files of a run that failed, were left in the inbox, skipped or deferred, each with its
 * reason: what a partition's node hands to the run across machines for its report. Each list is
 * kept to a bound, as a run keeps them.
 */
public record RunProblems(List<FileProblem> failures, List<FileProblem> lefts, List<FileProblem> skips,
                          List<FileProblem> deferrals) {

    /** At most this many of each kind are kept by name; the counts are always exact. */
    public static final int KEPT = 10_000;

    public static final RunProblems NONE = new RunProblems(List.of(), List.of(), List.of(), List.of());

    public RunProblems {
        failures = failures == null ? List.of() : List.copyOf(failures);
        lefts = lefts == null ? List.of() : List.copyOf(lefts);
        skips = skips == null ? List.of() : List.copyOf(skips);
        deferrals = deferrals == null ? List.of() : List.copyOf(deferrals);
    }

    /** Both lists of each kind, this one's first, together at most {@code limit} long. */
    public RunProblems and(RunProblems other, int limit) {
        return new RunProblems(joined(failures, other.failures, limit), joined(lefts, other.lefts, limit),
                joined(skips, other.skips, limit), joined(deferrals, other.deferrals, limit));
    }

    private static List<FileProblem> joined(List<FileProblem> first, List<FileProblem> second, int limit) {
        List<FileProblem> all = new ArrayList<>(first);
        for (FileProblem problem : second) {
            if (all.size() >= limit) {
                break;
            }
            all.add(problem);
        }
        return all;
    }
}
