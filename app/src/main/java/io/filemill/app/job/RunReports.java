package io.filemill.app.job;

import io.filemill.app.config.RunSettings;
import io.filemill.app.report.RunMeasurements;
import io.filemill.app.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** A finished run's report, assembled from its job execution, its settings and its recorder. */
final class RunReports {

    private RunReports() {
    }

    static String describeStages(RunSettings settings) {
        return "retitle " + settings.retitle().describe() + ", deliver " + settings.deliver().describe();
    }

    static double seconds(Instant started, Instant finished) {
        return Duration.between(started, finished).toNanos() / 1e9;
    }

    /** Files done per second of the run: the summary's rate, and the progress bar's last. */
    static double rate(long done, Instant started, Instant finished) {
        double seconds = seconds(started, finished);
        return seconds > 0 ? done / seconds : 0;
    }

    static RunReport of(JobExecution execution, RunSettings settings, RunRecorder recorder,
                              Instant started, Instant finished, List<Duration> workerStartups,
                              RunMeasurements measurements) {
        RunRecorder.Counts counts = recorder.counts();
        double seconds = seconds(started, finished);
        // a stopped job carries Spring Batch's "interrupted" exception: that is no error of the run's
        String error = execution.getStatus() == BatchStatus.STOPPED ? null : execution.getAllFailureExceptions().stream()
                .findFirst().map(e -> e.getMessage() == null ? e.toString() : e.getMessage()).orElse(null);
        long seen = counts.taken() + counts.skipped() + recorder.deferredCount();
        return new RunReport(execution.getId(), execution.getStatus().name(), settings.modeName(),
                describeStages(settings),
                settings.delivery().durability().name().toLowerCase(Locale.ROOT), settings.inbox().toString(),
                settings.processed().toString(), settings.failed().toString(), started, finished, seconds,
                seen, counts.taken(), counts.delivered(), counts.retitled(), counts.unchanged(), counts.failed(),
                counts.left(), counts.skipped(), recorder.deferredCount(), counts.bytes(),
                rate(counts.done(), started, finished), error,
                workerStartups.stream().map(Duration::toMillis).toList(), recorder.failures(), recorder.lefts(),
                recorder.skips(), recorder.deferrals(), measurements, List.of());
    }
}
