package io.filemill.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.corpus.CorpusProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportsTests {

    @TempDir
    Path root;

    @Test
    void theColumnNamesAreTheSameUnderATurkishDefaultLocale() throws Exception {
        Locale original = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR")); // "FILES".toLowerCase() is "fıles" there
        try {
            CompareReport report = new CompareReport(Instant.EPOCH, Instant.EPOCH,
                    new CompareReport.Machine(2, "Linux", "JDK", List.of(), "warm"),
                    new CompareReport.Corpus(1, CorpusProfile.SMALL, 42, 100), 1, List.of(), List.of(), List.of());

            CsvReports.write(report, root.resolve("report.csv"), root.resolve("trials.csv"));

            assertThat(Files.readAllLines(root.resolve("report.csv")).get(0))
                    .contains("files_per_second_median", "first_delivered_millis_min", "worker_peak_rss_megabytes_max");
            assertThat(Files.readAllLines(root.resolve("trials.csv")).get(0)).contains("files_per_second", "wire_megabytes");
        } finally {
            Locale.setDefault(original);
        }
    }
}
