package io.filemill.app.cluster;

import io.filemill.app.config.RunSettings;
import io.filemill.app.job.RunService;

/**
 * What a node works with: its checked settings (its own mounts of the shared directories), how its
 * runs report and stop, and the name it records on the partitions it runs ({@code host:pid}).
 */
public record NodeWork(RunSettings settings, RunService.Request request, String node) {
}
