package io.filemill.app.monitor;

import io.filemill.app.report.RunReport;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the scheduler ({@code /actuator/health}, component {@code lastRun}): UP with the last
 * run's numbers, DOWN when the last run failed as a whole (status FAILED or ABANDONED). Files that went to the
 * failed directory do not make it DOWN: the run did its job and reported them.
 */
@Component("lastRun")
class LastRunHealth implements HealthIndicator {

    private final RunMetrics metrics;

    LastRunHealth(RunMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Health health() {
        return metrics.lastRun().map(LastRunHealth::of).orElseGet(() -> Health.up().withDetail("lastRun", "none yet").build());
    }

    private static Health of(RunReport run) {
        Health.Builder health = "FAILED".equals(run.status()) || "ABANDONED".equals(run.status()) ? Health.down() : Health.up();
        return health.withDetail("runId", run.runId())
                .withDetail("status", run.status())
                .withDetail("finished", run.finished().toString())
                .withDetail("delivered", run.delivered())
                .withDetail("failed", run.failed())
                .withDetail("left", run.left())
                .withDetail("deferred", run.deferred())
                .withDetail("filesPerSecond", Math.round(run.filesPerSecond() * 10) / 10.0)
                .withDetail("error", run.error() == null ? "" : run.error())
                .build();
    }
}
