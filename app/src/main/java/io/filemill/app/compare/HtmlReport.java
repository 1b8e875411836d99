package io.filemill.app.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The comparison as one self-contained HTML page: the verdict, the summary table and
 * charts (throughput with every trial, latency percentiles, CPU, memory, time to the first file),
 * drawn by Chart.js, which is inlined from its webjar so that the page needs no network.
 */
final class HtmlReport {

    private static final String CHART_JS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private HtmlReport() {
    }

    static String render(CompareReport report, JsonMapper json) throws IOException {
        StringBuilder html = new StringBuilder(300_000);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>filemill compare</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:14px}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}")
                .append(".met{color:#176b2c}.missed{color:#b00020;font-weight:bold}")
                .append(".charts{display:grid;grid-template-columns:1fr 1fr;gap:2em}")
                .append(".verdict li{margin:.4em 0}small{color:#666}\n</style>\n</head><body>\n");
        html.append("<h1>filemill compare</h1>\n<p><small>")
                .append(escape(String.format(Locale.ROOT, "%s to %s · %d cores · %s · %s · JVM options %s",
                        report.started(), report.finished(), report.machine().cores(), report.machine().os(),
                        report.machine().java(), report.machine().jvmOptions().isEmpty() ? "none"
                                : String.join(" ", report.machine().jvmOptions()))))
                .append("<br>")
                .append(escape(String.format(Locale.ROOT, "Corpus: %,d files, %s profile, %,d bytes, seed %d; %d "
                                + "rounds, configurations interleaved, each trial in its own JVM on a fresh copy.",
                        report.corpus().files(), report.corpus().profile().name().toLowerCase(Locale.ROOT),
                        report.corpus().bytes(), report.corpus().seed(), report.repeats())))
                .append("<br>")
                .append(escape("Page cache: " + report.machine().pageCache() + "."))
                .append("</small></p>\n");
        html.append("<h2>Verdict</h2>\n<ul class=\"verdict\">\n");
        report.verdict().forEach(line -> html.append("<li>").append(escape(line)).append("</li>\n"));
        html.append("</ul>\n");
        summary(report, html);
        html.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        for (String id : List.of("throughput", "latency", "cpu", "memory", "first")) {
            html.append("<div><canvas id=\"").append(id).append("\"></canvas></div>\n");
        }
        html.append("</div>\n");
        trials(report, html);
        html.append("<script>\n").append(chartJs()).append("\n</script>\n");
        html.append("<script>\nconst data = ").append(json.writeValueAsString(chartData(report))
                .replace("</", "<\\/")).append(";\n").append(CHARTS_SCRIPT).append("</script>\n</body></html>\n");
        return html.toString();
    }

    private static void summary(CompareReport report, StringBuilder html) {
        html.append("<h2>Medians</h2>\n<p><small>Median over the rounds; files/s also shows the minimum and "
                + "maximum. Wall time runs from process launch to exit.</small></p>\n<table><tr><th>configuration</th>");
        for (Metric metric : Metric.values()) {
            html.append("<th>").append(escape(metric.label())).append("</th>");
        }
        html.append("</tr>\n");
        for (ConfigurationSummary summary : report.summaries()) {
            html.append("<tr><td>").append(escape(summary.label())).append("</td>");
            for (Metric metric : Metric.values()) {
                Stat stat = summary.stats().get(metric);
                html.append("<td>").append(metric.format(stat == null ? null : stat.median()));
                if (stat != null && metric == Metric.FILES_PER_SECOND) {
                    html.append("<br><small>").append(metric.format(stat.min())).append("&ndash;")
                            .append(metric.format(stat.max())).append("</small>");
                }
                html.append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void trials(CompareReport report, StringBuilder html) {
        html.append("<h2>Every trial</h2>\n<table><tr><th>configuration</th><th>round</th>");
        for (Metric metric : Metric.values()) {
            html.append("<th>").append(escape(metric.label())).append("</th>");
        }
        html.append("</tr>\n");
        for (TrialResult trial : report.trials()) {
            html.append("<tr><td>").append(escape(trial.configuration())).append("</td><td>").append(trial.round())
                    .append("</td>");
            for (Metric metric : Metric.values()) {
                html.append("<td>").append(metric.format(metric.of(trial))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** The figures the charts draw, keyed by chart, as plain lists for the page's script. */
    private static Map<String, Object> chartData(CompareReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> labels = report.summaries().stream().map(ConfigurationSummary::label).toList();
        data.put("labels", labels);
        for (Metric metric : Metric.values()) {
            List<Double> medians = new ArrayList<>();
            report.summaries().forEach(summary -> medians.add(summary.median(metric)));
            data.put(metric.name(), medians);
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (TrialResult trial : report.trials()) {
            points.add(Map.of("x", trial.configuration(), "y", trial.filesPerSecond()));
        }
        data.put("trials", points);
        return data;
    }

    private static String chartJs() throws IOException {
        ClassLoader loader = HtmlReport.class.getClassLoader();
        Properties pom = new Properties();
        try (InputStream in = loader.getResourceAsStream(CHART_JS_POM)) {
            if (in == null) {
                throw new IOException("Chart.js is missing from the class path (" + CHART_JS_POM + ")");
            }
            pom.load(in);
        }
        String script = "META-INF/resources/webjars/chart.js/" + pom.getProperty("version") + "/dist/chart.umd.min.js";
        try (InputStream in = loader.getResourceAsStream(script)) {
            if (in == null) {
                throw new IOException("Chart.js is missing from the class path (" + script + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        }
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static final String CHARTS_SCRIPT = """
            Chart.defaults.animation = false; // drawn complete at once: for printing and screenshots too
            const bar = (id, title, yTitle, datasets, extra) => new Chart(document.getElementById(id), {
              type: 'bar',
              data: { labels: data.labels, datasets },
              options: Object.assign({ plugins: { title: { display: true, text: title } },
                scales: { y: { beginAtZero: true, title: { display: true, text: yTitle } } } }, extra || {})
            });
            bar('throughput', 'Throughput, end to end (bars: median; dots: every trial)', 'files/s', [
              { label: 'median files/s', data: data.FILES_PER_SECOND },
              { type: 'scatter', label: 'trials', data: data.trials, pointRadius: 4 }
            ]);
            bar('latency', 'Per-file latency, taken to outcome', 'ms', [
              { label: 'p50', data: data.LATENCY_P50_MILLIS },
              { label: 'p95', data: data.LATENCY_P95_MILLIS },
              { label: 'p99', data: data.LATENCY_P99_MILLIS }
            ]);
            bar('cpu', 'CPU time (stacked: parent and workers)', 'seconds', [
              { label: 'parent', data: data.PARENT_CPU_SECONDS, stack: 'cpu' },
              { label: 'workers', data: data.WORKER_CPU_SECONDS, stack: 'cpu' }
            ], { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true,
                 title: { display: true, text: 'seconds' } } } });
            bar('memory', 'Peak memory', 'MiB', [
              { label: 'parent RSS', data: data.PARENT_PEAK_RSS_MEGABYTES },
              { label: 'parent heap', data: data.PARENT_PEAK_HEAP_MEGABYTES },
              { label: 'largest worker RSS', data: data.WORKER_PEAK_RSS_MEGABYTES }
            ]);
            bar('first', 'Process start to first file delivered (median)', 'ms', [
              { label: 'first file', data: data.FIRST_DELIVERED_MILLIS },
              { label: 'worker start to ready', data: data.WORKER_STARTUP_MILLIS }
            ]);
            """;
}
