package io.filemill.app.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The summary a person reads at the end of a run. */
public final class SummaryTable {

    private static final int SHOWN_FAILURES = 10;

    private SummaryTable() {
    }

    public static String render(RunReport report, Path reportFile) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nfilemill run %d: %s (%s mode: %s; %s)%n", report.runId(),
                report.status(), report.mode(), report.stages(), report.durability()));
        row(out, "files seen", String.valueOf(report.seen()));
        row(out, "delivered", report.delivered() + "  (retitled " + report.retitled() + ", unchanged "
                + report.unchanged() + ")");
        row(out, "failed", String.valueOf(report.failed()));
        if (report.left() > 0) {
            row(out, "left", report.left() + "  (taken but left in the inbox; a later run takes them again)");
        }
        if (report.skipped() > 0) {
            row(out, "skipped", report.skipped() + "  (links, special files, subdirectories: never taken)");
        }
        if (report.deferred() > 0) {
            row(out, "deferred", report.deferred() + "  (not ready yet: still being written or no marker; a later run takes them)");
        }
        row(out, "bytes", String.format(Locale.ROOT, "%,d", report.bytes()));
        row(out, "wall time", String.format(Locale.ROOT, "%.2f s", report.wallSeconds()));
        row(out, "files/s", String.format(Locale.ROOT, "%.1f", report.filesPerSecond()));
        if (!report.workerStartupMillis().isEmpty()) {
            List<Long> sorted = report.workerStartupMillis().stream().sorted().toList();
            row(out, "worker start", String.format(Locale.ROOT, "median %d ms (%d to %d ms, %d JVMs)",
                    sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size()));
        }
        out.append(String.format(Locale.ROOT, "%n"));
        row(out, "processed", report.processed());
        row(out, "failed dir", report.failedDir());
        row(out, "report", reportFile.toString());
        int shown = 0;
        for (FileProblem failure : report.failures()) {
            if (shown++ == SHOWN_FAILURES) {
                out.append(String.format(Locale.ROOT, "  ... and %d more in the report%n", report.failed() - SHOWN_FAILURES));
                break;
            }
            out.append(String.format(Locale.ROOT, "  failed: %s: %s%n", failure.file(), failure.reason()));
        }
        listed(out, "skipped", report.skips(), report.skipped());
        listed(out, "deferred", report.deferrals(), report.deferred());
        shown = 0;
        for (FileProblem left : report.lefts()) {
            if (shown++ == SHOWN_FAILURES) {
                out.append(String.format(Locale.ROOT, "  ... and %d more left in the report%n", report.left() - SHOWN_FAILURES));
                break;
            }
            out.append(String.format(Locale.ROOT, "  left: %s: %s%n", left.file(), left.reason()));
        }
        if (report.error() != null) {
            out.append(String.format(Locale.ROOT, "  error: %s%n", report.error()));
        }
        return out.toString();
    }

    /** The first few entries of a kind, with their reasons; the rest are in the report. */
    private static void listed(StringBuilder out, String kind, List<FileProblem> problems, long count) {
        int shown = 0;
        for (FileProblem problem : problems) {
            if (shown++ == SHOWN_FAILURES) {
                out.append(String.format(Locale.ROOT, "  ... and %d more %s in the report%n", count - SHOWN_FAILURES, kind));
                return;
            }
            out.append(String.format(Locale.ROOT, "  %s: %s: %s%n", kind, problem.file(), problem.reason()));
        }
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-12s %s%n", label, value));
    }
}
