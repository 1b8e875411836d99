package io.filemill.app.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison as a fixed-width table for the terminal: medians, with the files/s range. */
final class CompareTable {

    private static final List<Metric> COLUMNS = List.of(Metric.MEGABYTES_PER_SECOND, Metric.WALL_SECONDS,
            Metric.FIRST_DELIVERED_MILLIS, Metric.LATENCY_P50_MILLIS, Metric.LATENCY_P95_MILLIS,
            Metric.LATENCY_P99_MILLIS, Metric.PARENT_CPU_SECONDS, Metric.WORKER_CPU_SECONDS,
            Metric.PARENT_PEAK_RSS_MEGABYTES, Metric.WORKER_PEAK_RSS_MEGABYTES, Metric.WORKER_STARTUP_MILLIS,
            Metric.FRAMES);

    private CompareTable() {
    }

    static String render(CompareReport report) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("configuration", "files/s median [min-max]"));
        COLUMNS.forEach(metric -> header.add(metric.label()));
        rows.add(header);
        for (ConfigurationSummary summary : report.summaries()) {
            List<String> row = new ArrayList<>();
            row.add(summary.label());
            Stat rate = summary.stats().get(Metric.FILES_PER_SECOND);
            row.add(rate == null ? "-" : String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", rate.median(), rate.min(), rate.max()));
            COLUMNS.forEach(metric -> row.add(metric.format(summary.median(metric))));
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                out.append(i == 0 ? cell + pad : "  " + pad + cell);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
