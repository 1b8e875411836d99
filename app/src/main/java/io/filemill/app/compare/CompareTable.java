package io.filemill.app.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as a table for an 80-to-100-column terminal: the medians that decide between the
 * configurations, with the files/s range. Every metric is in report.html and report.csv.
 */
final class CompareTable {

    /** The metrics shown, in order, each with the short heading it has here. */
    private static final Map<Metric, String> COLUMNS = columns(Metric.WALL_SECONDS, "wall s",
            Metric.FIRST_DELIVERED_MILLIS, "1st ms", Metric.LATENCY_P95_MILLIS, "p95 ms",
            Metric.PARENT_CPU_SECONDS, "CPU s", Metric.WORKER_CPU_SECONDS, "wkr CPU",
            Metric.PARENT_PEAK_RSS_MEGABYTES, "RSS MiB", Metric.WORKER_STARTUP_MILLIS, "wkr ms");

    private static Map<Metric, String> columns(Object... metricsAndHeadings) {
        Map<Metric, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < metricsAndHeadings.length; i += 2) {
            columns.put((Metric) metricsAndHeadings[i], (String) metricsAndHeadings[i + 1]);
        }
        return columns;
    }

    /** What the short headings mean, printed under the table. */
    static final String LEGEND = "Medians. 1st ms: launch to the first file delivered. CPU s, RSS MiB: the filemill\n"
            + "process; wkr CPU, wkr ms: its worker JVMs' CPU and start-up. Every figure: report.html, report.csv.";

    private CompareTable() {
    }

    static String render(CompareReport report) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("configuration", "files/s [range]"));
        header.addAll(COLUMNS.values());
        rows.add(header);
        for (ConfigurationSummary summary : report.summaries()) {
            List<String> row = new ArrayList<>();
            row.add(summary.label());
            Stat rate = summary.stats().get(Metric.FILES_PER_SECOND);
            row.add(rate == null ? "-" : String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", rate.median(), rate.min(), rate.max()));
            COLUMNS.keySet().forEach(metric -> row.add(metric.format(summary.median(metric))));
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
        return out.append(LEGEND).append('\n').toString();
    }
}
