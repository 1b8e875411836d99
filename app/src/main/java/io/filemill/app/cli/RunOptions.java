package io.filemill.app.cli;

import io.filemill.app.config.ConfigurationProblem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options shared by the commands that run the job ({@code run}, {@code schedule}). */
final class RunOptions {

    @Option(names = "--inbox", paramLabel = "DIR", description = "Directory to take files from.")
    Path inbox;

    @Option(names = "--processed", paramLabel = "DIR", description = "Directory to deliver files to.")
    Path processed;

    @Option(names = "--failed", paramLabel = "DIR", description = "Directory for files that cannot be handled.")
    Path failed;

    @Option(names = "--home", paramLabel = "DIR",
            description = "State directory: job repository, run reports, journals, lock.")
    Path home;

    @Option(names = "--workers", paramLabel = "N", description = "Workers per stage.")
    Integer workers;

    @Option(names = "--mode", paramLabel = "thread|process",
            description = "Run each stage in a thread pool or in worker JVMs (per stage: --filemill.stages.NAME.mode).")
    String mode;

    @Option(names = "--recursive", description = "Also take files from subdirectories, keeping relative paths.")
    Boolean recursive;

    @Option(names = "--include", paramLabel = "GLOB", split = ",", description = "Take only matching files.")
    List<String> include;

    @Option(names = "--exclude", paramLabel = "GLOB", split = ",", description = "Leave matching files alone.")
    List<String> exclude;

    @Option(names = "--rule", paramLabel = "RULE",
            description = "A title rule; repeat for a chain (replaces the configured chain).")
    List<String> rules;

    @Option(names = "--min-age", paramLabel = "DURATION",
            description = "Take a file only once it has not been modified for this long (e.g. 5s, 0s).")
    String minAge;

    @Option(names = "--durability", paramLabel = "durable|fast", description = "Force delivered files to disk or not.")
    String durability;

    @Option(names = "--collision", paramLabel = "suffix|replace|fail",
            description = "What to do when processed/ already has the name.")
    String collision;

    @Option(names = "--config", paramLabel = "FILE", description = "An extra configuration file (YAML or properties).")
    Path config;

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
        if (config != null && !java.nio.file.Files.isRegularFile(config)) {
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
