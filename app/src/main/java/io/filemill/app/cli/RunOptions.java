package io.filemill.app.cli;

import io.filemill.app.config.ConfigurationProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options shared by the commands that run the job ({@code run}, {@code schedule}). */
final class RunOptions implements SpringArguments {

    @Option(names = "--inbox", paramLabel = "DIR", description = "Directory to take files from (default work/inbox; filemill.inbox).")
    Path inbox;

    @Option(names = "--processed", paramLabel = "DIR", description = "Directory to deliver files to (default work/processed; filemill.processed).")
    Path processed;

    @Option(names = "--failed", paramLabel = "DIR", description = "Directory for files that cannot be handled, each with NAME.reason "
            + "(default work/failed; filemill.failed).")
    Path failed;

    @Option(names = "--home", paramLabel = "DIR",
            description = "State directory: job repository, run reports, journals, lock (default work/state; filemill.home).")
    Path home;

    @Option(names = "--workers", paramLabel = "N", description = "Retitle workers, 1 or more (default 2; filemill.workers). The deliver stage "
            + "commits two batches at a time when durable on threads, else one (filemill.stages.deliver.workers).")
    Integer workers;

    @Option(names = "--mode", paramLabel = "thread|process",
            description = "Run each stage in a thread pool or in worker JVMs (default thread; filemill.mode); "
                    + "per stage: --filemill.stages.NAME.mode.")
    String mode;

    @Option(names = "--recursive", description = "Also take files from subdirectories, keeping relative paths (default false; filemill.scan.recursive).")
    Boolean recursive;

    @Option(names = "--include", paramLabel = "GLOB", split = ",", description = "Take only files matching one of these globs, e.g. '*.md,docs/**' (default every file).")
    List<String> include;

    @Option(names = "--exclude", paramLabel = "GLOB", split = ",", description = "Leave files matching one of these globs alone (default none).")
    List<String> exclude;

    @Option(names = "--rule", paramLabel = "RULE",
            description = {"A title rule; repeat for a chain, which replaces the configured one (default "
                    + "collapse-whitespace, title-case; filemill.rules). Rules: trim, collapse-whitespace, title-case, "
                    + "upper, lower, prefix:TEXT, suffix:TEXT, template:TEXT with {title}, {name} and {date}, "
                    + "replace:REGEX=>TEXT."})
    List<String> rules;

    @Option(names = "--min-age", paramLabel = "DURATION",
            description = "Take a file only once it has not been modified for this long, e.g. 0s, 500ms, 2m "
                    + "(default 5s; filemill.scan.min-age).")
    String minAge;

    @Option(names = "--durability", paramLabel = "durable|fast", description = "durable: originals are deleted only once the delivered copies are on disk; fast: "
                    + "no forcing (default durable; filemill.delivery.durability).")
    String durability;

    @Option(names = "--collision", paramLabel = "suffix|replace|fail",
            description = "When processed/ already has the name: suffix (name-1.ext), replace, or fail the file "
                    + "(default suffix; filemill.delivery.collision).")
    String collision;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Run across machines: split the inbox into N partitions for 'filemill node's to take over "
                    + "the message broker; needs a shared PostgreSQL job repository; 0 runs here "
                    + "(default 0; filemill.cluster.partitions).")
    Integer partitions;

    @Option(names = "--config", paramLabel = "FILE", description = "An extra configuration file (YAML or properties).")
    Path config;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Also log to this file, rolled over at "
            + "10 MB or daily, 7 days kept (logging.file.name; logging.logback.rollingpolicy.* change that).")
    Path logFile;

    @Override
    public List<String> springArguments() {
        return logFile == null ? List.of() : List.of("--logging.file.name=" + logFile.toAbsolutePath());
    }

    /** The options given, as {@code filemill.*} properties. */
    Map<String, Object> toProperties() {
        Map<String, Object> options = new LinkedHashMap<>();
        put(options, "filemill.inbox", inbox);
        put(options, "filemill.processed", processed);
        put(options, "filemill.failed", failed);
        put(options, "filemill.home", home);
        put(options, "filemill.workers", workers);
        put(options, "filemill.mode", mode);
        put(options, "filemill.scan.recursive", recursive);
        put(options, "filemill.scan.include", include == null ? null : String.join(",", include));
        put(options, "filemill.scan.exclude", exclude == null ? null : String.join(",", exclude));
        if (rules != null) {
            for (int i = 0; i < rules.size(); i++) {
                options.put("filemill.rules[" + i + "]", rules.get(i));
            }
        }
        put(options, "filemill.scan.min-age", minAge);
        put(options, "filemill.delivery.durability", durability);
        put(options, "filemill.delivery.collision", collision);
        put(options, "filemill.cluster.partitions", partitions);
        if (config != null && !Files.isRegularFile(config)) {
            throw new ConfigurationProblem("--config " + config + ": no such file");
        }
        put(options, "spring.config.additional-location", config == null ? null : "file:" + config.toAbsolutePath());
        return options;
    }

    private static void put(Map<String, Object> options, String key, Object value) {
        if (value != null) {
            options.put(key, value.toString());
        }
    }
}
