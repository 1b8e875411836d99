package io.filemill.app.compare;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The comparison as CSV: {@code report.csv} has a row per configuration with the median, minimum
 * and maximum of every metric; {@code trials.csv} has a row per trial with its raw figures. Empty
 * cells mean the metric does not apply.
 */
final class CsvReports {

    private CsvReports() {
    }

    static void write(CompareReport report, Path summaryFile, Path trialsFile) throws IOException {
        List<String> header = new ArrayList<>(List.of("configuration", "mode", "workers", "durability", "samples"));
        for (Metric metric : Metric.values()) {
            String name = metric.name().toLowerCase(Locale.ROOT);
            header.addAll(List.of(name + "_median", name + "_min", name + "_max"));
        }
        try (Writer out = Files.newBufferedWriter(summaryFile, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (ConfigurationSummary summary : report.summaries()) {
                Configuration c = summary.configuration();
                Stat rate = summary.stats().get(Metric.FILES_PER_SECOND);
                List<Object> row = new ArrayList<>(List.of(c.label(), c.mode(), c.workers(), c.durability(),
                        rate == null ? 0 : rate.samples()));
                for (Metric metric : Metric.values()) {
                    Stat stat = summary.stats().get(metric);
                    row.addAll(stat == null ? List.of("", "", "") : List.of(stat.median(), stat.min(), stat.max()));
                }
                csv.printRecord(row);
            }
        }
        List<String> trialHeader = new ArrayList<>(List.of("configuration", "round", "files", "bytes"));
        for (Metric metric : Metric.values()) {
            trialHeader.add(metric.name().toLowerCase(Locale.ROOT));
        }
        try (Writer out = Files.newBufferedWriter(trialsFile, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(trialHeader.toArray(String[]::new)).get())) {
            for (TrialResult trial : report.trials()) {
                List<Object> row = new ArrayList<>(List.of(trial.configuration(), trial.round(), trial.files(), trial.bytes()));
                for (Metric metric : Metric.values()) {
                    Double value = metric.of(trial);
                    row.add(value == null ? "" : value);
                }
                csv.printRecord(row);
            }
        }
    }
}
