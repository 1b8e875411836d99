package io.filemill.app.monitor;

import io.filemill.app.report.RunReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The run's numbers as Micrometer meters ({@code filemill.files.*}, {@code filemill.run.*},
 * {@code filemill.stage.latency}), and the last run for the health endpoint.
 */
@Component
public class RunMetrics {

    private final MeterRegistry registry;
    private final AtomicReference<RunReport> lastRun = new AtomicReference<>();

    /** Uses the application's registry; without one (commands other than schedule), a private one. */
    RunMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
        Gauge.builder("filemill.run.throughput", lastRun, last -> last.get() == null ? 0 : last.get().filesPerSecond())
                .description("files per second of the last run").baseUnit("files/s").register(this.registry);
    }

    /** Records a finished run. */
    public void record(RunReport report) {
        lastRun.set(report);
        counter("filemill.files.retitled", "files delivered with a new title").increment(report.retitled());
        counter("filemill.files.unchanged", "files delivered unchanged").increment(report.unchanged());
        counter("filemill.files.failed", "files that went to the failed directory").increment(report.failed());
        counter("filemill.files.left", "files taken but left in the inbox for a later run").increment(report.left());
        counter("filemill.files.deferred", "files left for a later run, not ready").increment(report.deferred());
        Timer.builder("filemill.run.duration").description("wall time of a run").tag("status", report.status())
                .register(registry).record(Duration.ofNanos((long) (report.wallSeconds() * 1e9)));
    }

    /** The timer of one stage's request latency, from hand-over to reply. */
    public Timer stageLatency(String stage, String mode) {
        return Timer.builder("filemill.stage.latency").description("time from handing a request to a stage to its reply")
                .tag("stage", stage).tag("mode", mode).register(registry);
    }

    public Optional<RunReport> lastRun() {
        return Optional.ofNullable(lastRun.get());
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).baseUnit("files").register(registry);
    }
}
