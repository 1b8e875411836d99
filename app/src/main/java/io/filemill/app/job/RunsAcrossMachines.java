package io.filemill.app.job;

import io.filemill.app.config.RunSettings;

/**
 * A run as the manager of a job across machines ({@code cluster.ClusterRunService}), for the
 * commands that start runs again and again ({@code schedule}, {@code watch}) when
 * {@code filemill.cluster.partitions} is set. Call while holding the run locks.
 */
public interface RunsAcrossMachines {

    RunResult run(RunSettings settings, RunService.Request request) throws Exception;
}
