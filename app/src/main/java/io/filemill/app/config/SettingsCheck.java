package io.filemill.app.config;

import io.filemill.pipeline.deliver.Durability;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.scan.ScanSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The checks of a configuration that create nothing, and the parts of a run's settings built from it. */
final class SettingsCheck {

    private SettingsCheck() {
    }

    /**
     * Every check that creates nothing, for before anything is written: the inbox exists, no two
     * directories are, contain or lie inside each other, and every number, duration, rule and scan
     * setting is one a run can work with.
     *
     * @throws ConfigurationProblem naming the first problem found
     */
    static void check(FilemillProperties properties) {
        Path inbox = DirectoryRules.absolute(properties.inbox(), "inbox");
        Path processed = DirectoryRules.absolute(properties.processed(), "processed");
        Path failed = DirectoryRules.absolute(properties.failed(), "failed");
        Path home = DirectoryRules.absolute(properties.home(), "home");
        if (!Files.isDirectory(inbox)) {
            throw new ConfigurationProblem("inbox " + inbox + " does not exist or is not a directory");
        }
        if (Files.isSymbolicLink(inbox)) {
            throw new ConfigurationProblem("inbox " + inbox + " is a symbolic link; name the real directory");
        }
        DirectoryRules.distinct("processed", processed, "inbox", inbox);
        DirectoryRules.distinct("failed", failed, "inbox", inbox);
        DirectoryRules.distinct("home", home, "inbox", inbox);
        DirectoryRules.distinct("failed", failed, "processed", processed);
        DirectoryRules.distinct("home", home, "processed", processed);
        DirectoryRules.distinct("home", home, "failed", failed);
        if (properties.workers() < 1 || properties.workers() > 256) {
            throw new ConfigurationProblem("workers must be between 1 and 256, not " + properties.workers());
        }
        retitlePlan(properties);
        deliverPlan(properties);
        workerJvmOptions(properties.worker().jvmOptions());
        if (properties.worker().window() < 1) {
            throw new ConfigurationProblem("worker.window must be at least 1, not " + properties.worker().window());
        }
        if (properties.delivery().batchSize() < 1) {
            throw new ConfigurationProblem("delivery.batch-size must be at least 1, not " + properties.delivery().batchSize());
        }
        if (properties.title().headBytes() < 1024) {
            throw new ConfigurationProblem("title.head-bytes must be at least 1024, not " + properties.title().headBytes());
        }
        positive("title.file-timeout", properties.title().fileTimeout());
        positive("worker.task-timeout", properties.worker().taskTimeout());
        positive("stop.grace", properties.stop().grace());
        positive("watch.rescan", properties.watch().rescan());
        FilemillProperties.Cluster cluster = properties.cluster();
        if (cluster.partitions() < 0 || cluster.partitions() > 10_000) {
            throw new ConfigurationProblem("cluster.partitions must be between 0 (run here) and 10000, not " + cluster.partitions());
        }
        if (cluster.nodeConsumers() < 1 || cluster.nodeConsumers() > 64) {
            throw new ConfigurationProblem("cluster.node-consumers must be between 1 and 64, not " + cluster.nodeConsumers());
        }
        if (cluster.queue() == null || cluster.queue().isBlank()) {
            throw new ConfigurationProblem("cluster.queue must name a queue of the broker");
        }
        positive("cluster.poll-interval", cluster.pollInterval());
        positive("cluster.timeout", cluster.timeout());
        positive("cluster.node-timeout", cluster.nodeTimeout());
        if (cluster.nodePort() < 0 || cluster.nodePort() > 65535) {
            throw new ConfigurationProblem("cluster.node-port must be a port (0 for any free one), not " + cluster.nodePort());
        }
        if (properties.worker().taskTimeout().compareTo(properties.title().fileTimeout()) <= 0) {
            throw new ConfigurationProblem("worker.task-timeout (" + properties.worker().taskTimeout().toSeconds()
                    + " s) must be longer than title.file-timeout (" + properties.title().fileTimeout().toSeconds()
                    + " s): it is the safety net that kills a worker the file timeout did not stop");
        }
        if (properties.scan().minAge() != null && properties.scan().minAge().isNegative()) {
            throw new ConfigurationProblem("scan.min-age must not be negative, not " + readable(properties.scan().minAge()));
        }
        rules(properties);
        scan(properties);
    }

    /**
     * A worker's stdout carries its frames to filemill, so no option may log there: {@code -Xlog}
     * without an output or with {@code stdout}, and {@code -verbose}, which logs to stdout.
     */
    static void workerJvmOptions(List<String> options) {
        for (String option : options) {
            if (option.startsWith("-verbose")) {
                throw new ConfigurationProblem("worker.jvm-options: '" + option + "' logs to the worker's stdout, which "
                        + "carries its frames to filemill; log with an output instead, such as -Xlog:gc:stderr or "
                        + "-Xlog:gc:file=PATH");
            }
            // -Xlog alone, or -Xlog:WHAT[:OUTPUT[:...]]; any other -Xlog... the JVM refuses itself
            String[] fields = option.startsWith("-Xlog:") ? option.substring("-Xlog:".length()).split(":", -1) : null;
            if (option.equals("-Xlog") || fields != null && logsToStdout(fields)) {
                String example = fields == null || fields[0].isEmpty() ? "all=warning" : fields[0];
                throw new ConfigurationProblem("worker.jvm-options: '" + option + "' logs to the worker's stdout, which "
                        + "carries its frames to filemill; name another output, such as -Xlog:" + example
                        + ":stderr or -Xlog:" + example + ":file=PATH");
            }
        }
    }

    /** Whether an {@code -Xlog:} option's fields (what, output, ...) send its lines to stdout, the default output. */
    private static boolean logsToStdout(String[] fields) {
        if (fields[0].equals("disable") || fields[0].equals("async")) {
            return false; // switches, not logs
        }
        if (fields[0].startsWith("help")) {
            return true; // prints its help to stdout
        }
        return fields.length < 2 || fields[1].isEmpty() || fields[1].equalsIgnoreCase("stdout");
    }

    static RuleChain rules(FilemillProperties properties) {
        try {
            return RuleChain.parse(properties.rules());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem(e.getMessage());
        }
    }

    static ScanSettings scan(FilemillProperties properties) {
        try {
            String marker = properties.scan().readyMarker();
            return new ScanSettings(properties.scan().recursive(), properties.scan().include(),
                    properties.scan().exclude(), properties.scan().minAge(),
                    marker == null || marker.isBlank() ? null : marker, properties.scan().readAhead());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem("scan: " + e.getMessage());
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationProblem(name + " must be a positive duration such as 30s, not " + readable(value));
        }
    }

    /** A duration as it is written in the configuration ({@code 5s}, {@code -5s}, {@code 1m30s}), not as {@code PT5S}. */
    private static String readable(Duration value) {
        return value == null ? "nothing" : value.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /**
     * The deliver stage's workers when {@code filemill.stages.deliver.workers} is not set: two when
     * durable delivery runs on threads, else one. One group commit at a time lets a batch grow
     * while the one before it commits, and it is what fast delivery and worker JVMs want: measured
     * with two deliver workers against one (2 retitle workers, cold cache, launch to exit, medians),
     * fast thread mode took 16.4 s against 15.5 s on 40,000 files (one round), process mode durable
     * 9.12 s against 8.29 s on 10,000 files (one worker JVM more on two cores). Durable thread mode
     * waits for the disk in each commit's sync and removals, and two commits overlap those waits:
     * 17.9 s against 19.3 s on 40,000 files (3 rounds), 6.51 s against 6.79 s on 10,000. (Before
     * removals ran in parallel and a batch synced its file system once, two workers made durable
     * runs slower, 8.00 s against 6.73 s on 20,000 files: each forced the same directories twice.)
     */
    static int defaultDeliverWorkers(FilemillProperties.Mode mode, Durability durability) {
        return mode == FilemillProperties.Mode.THREAD && durability == Durability.DURABLE ? 2 : 1;
    }

    static RunSettings.StagePlan retitlePlan(FilemillProperties properties) {
        return plan("retitle", properties.stages().retitle(), properties, properties.workers());
    }

    static RunSettings.StagePlan deliverPlan(FilemillProperties properties) {
        FilemillProperties.Mode mode = properties.stages().deliver().mode() == null
                ? properties.mode() : properties.stages().deliver().mode();
        return plan("deliver", properties.stages().deliver(), properties,
                defaultDeliverWorkers(mode, properties.delivery().durability()));
    }

    private static RunSettings.StagePlan plan(String name, FilemillProperties.Stage stage,
                                              FilemillProperties properties, int defaultWorkers) {
        FilemillProperties.Mode mode = stage.mode() == null ? properties.mode() : stage.mode();
        int workers = stage.workers() == null ? defaultWorkers : stage.workers();
        if (workers < 1 || workers > 256) {
            throw new ConfigurationProblem("stages." + name + ".workers must be between 1 and 256, not " + workers);
        }
        return new RunSettings.StagePlan(mode, workers);
    }
}
