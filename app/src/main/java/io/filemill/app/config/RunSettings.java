package io.filemill.app.config;

import io.filemill.pipeline.deliver.DeliverySettings;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.scan.ScanSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A checked, resolved configuration for one run: absolute normalized paths that do not overlap,
 * directories that exist, a parsed rule chain.
 */
public record RunSettings(Path inbox, Path processed, Path failed, Path home, int workers, RuleChain rules,
                          ScanSettings scan, FilemillProperties.Delivery delivery, FilemillProperties.Title title,
                          StagePlan retitle, StagePlan deliver, FilemillProperties.Worker worker, Duration stopGrace) {

    /** How far into a file its title may end. */
    public int headBytes() {
        return title.headBytes();
    }

    /** How long retitling one file may take. */
    public Duration fileTimeout() {
        return title.fileTimeout();
    }

    /** How one stage runs: where, and with how many workers. */
    public record StagePlan(FilemillProperties.Mode mode, int workers) {
        public String describe() {
            String unit = mode == FilemillProperties.Mode.THREAD ? "thread" : "process";
            return workers + " " + unit + (workers == 1 ? "" : unit.endsWith("s") ? "es" : "s");
        }
    }

    /** {@code thread}, {@code process}, or {@code mixed} when the stages differ. */
    public String modeName() {
        return retitle.mode() == deliver.mode() ? retitle.mode().name().toLowerCase(Locale.ROOT) : "mixed";
    }

    /**
     * Checks and resolves the properties, creating processed/, failed/ and the state directory.
     *
     * @throws ConfigurationProblem naming the first problem found
     */
    public static RunSettings from(FilemillProperties properties) {
        RunSettings settings = readOnly(properties);
        createDirectory("processed", settings.processed());
        createDirectory("failed", settings.failed());
        createDirectory("home", settings.home());
        distinctOnDisk(settings.inbox(), settings.processed(), settings.failed(), settings.home());
        if (properties.delivery().crossDevice() == FilemillProperties.CrossDevice.REFUSE) {
            sameFileSystem(settings.inbox(), settings.processed(), "processed");
        }
        sameFileSystem(settings.inbox(), settings.failed(), "failed");
        return settings;
    }

    /**
     * The settings of a command that writes nothing (a dry run): checked like a run's, but no
     * directory is created and processed/ and failed/ need not exist.
     *
     * @throws ConfigurationProblem naming the first problem found
     */
    public static RunSettings readOnly(FilemillProperties properties) {
        check(properties);
        return new RunSettings(absolute(properties.inbox(), "inbox"), absolute(properties.processed(), "processed"),
                absolute(properties.failed(), "failed"), absolute(properties.home(), "home"), properties.workers(),
                rules(properties), scan(properties), properties.delivery(), properties.title(),
                plan("retitle", properties.stages().retitle(), properties),
                plan("deliver", properties.stages().deliver(), properties), properties.worker(),
                properties.stop().grace());
    }

    /**
     * Every check that creates nothing, for before anything is written: the inbox exists, no two
     * directories are, contain or lie inside each other, and every number, duration, rule and scan
     * setting is one a run can work with.
     *
     * @throws ConfigurationProblem naming the first problem found
     */
    public static void check(FilemillProperties properties) {
        Path inbox = absolute(properties.inbox(), "inbox");
        Path processed = absolute(properties.processed(), "processed");
        Path failed = absolute(properties.failed(), "failed");
        Path home = absolute(properties.home(), "home");
        if (!Files.isDirectory(inbox)) {
            throw new ConfigurationProblem("inbox " + inbox + " does not exist or is not a directory");
        }
        if (Files.isSymbolicLink(inbox)) {
            throw new ConfigurationProblem("inbox " + inbox + " is a symbolic link; name the real directory");
        }
        distinct("processed", processed, "inbox", inbox);
        distinct("failed", failed, "inbox", inbox);
        distinct("home", home, "inbox", inbox);
        distinct("failed", failed, "processed", processed);
        distinct("home", home, "processed", processed);
        distinct("home", home, "failed", failed);
        if (properties.workers() < 1 || properties.workers() > 256) {
            throw new ConfigurationProblem("workers must be between 1 and 256, not " + properties.workers());
        }
        plan("retitle", properties.stages().retitle(), properties);
        plan("deliver", properties.stages().deliver(), properties);
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

    private static RuleChain rules(FilemillProperties properties) {
        try {
            return RuleChain.parse(properties.rules());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem(e.getMessage());
        }
    }

    private static ScanSettings scan(FilemillProperties properties) {
        try {
            String marker = properties.scan().readyMarker();
            return new ScanSettings(properties.scan().recursive(), properties.scan().include(),
                    properties.scan().exclude(), properties.scan().minAge(),
                    marker == null || marker.isBlank() ? null : marker);
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

    private static StagePlan plan(String name, FilemillProperties.Stage stage, FilemillProperties properties) {
        FilemillProperties.Mode mode = stage.mode() == null ? properties.mode() : stage.mode();
        int workers = stage.workers() == null ? properties.workers() : stage.workers();
        if (workers < 1 || workers > 256) {
            throw new ConfigurationProblem("stages." + name + ".workers must be between 1 and 256, not " + workers);
        }
        return new StagePlan(mode, workers);
    }

    public Path journalDir() {
        return home.resolve("journal");
    }

    public Path reportDir() {
        return home.resolve("runs");
    }

    /** The lock file every worker JVM holds shared for its life (see {@code WorkerFence}). */
    public Path workerLock() {
        return home.resolve("workers.lock");
    }

    public DeliverySettings deliverySettings() {
        return new DeliverySettings(inbox, processed, failed, journalDir(), delivery.collision(), delivery.durability(),
                scan.readyMarker());
    }

    private static Path absolute(Path path, String name) {
        if (path == null || path.toString().isBlank()) {
            throw new ConfigurationProblem(name + " is not set");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new ConfigurationProblem(name + " " + path + " must not contain '..'");
            }
        }
        return path.toAbsolutePath().normalize();
    }

    private static void distinct(String name, Path path, String otherName, Path other) {
        if (path.startsWith(other) || other.startsWith(path)) {
            throw new ConfigurationProblem(name + " " + path + " must not be, contain or lie inside " + otherName + " "
                    + other);
        }
    }

    /**
     * The directories must not overlap once symbolic links are resolved either: processed/ named
     * through a link into the inbox would otherwise be scanned as input.
     */
    private static void distinctOnDisk(Path inbox, Path processed, Path failed, Path home) {
        Map<String, Path> real = new LinkedHashMap<>();
        try {
            real.put("inbox", inbox.toRealPath());
            real.put("processed", processed.toRealPath());
            real.put("failed", failed.toRealPath());
            real.put("home", home.toRealPath());
        } catch (IOException e) {
            throw new ConfigurationProblem("cannot resolve the directories: " + e);
        }
        List<String> names = List.copyOf(real.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                Path a = real.get(names.get(i));
                Path b = real.get(names.get(j));
                if (a.startsWith(b) || b.startsWith(a)) {
                    throw new ConfigurationProblem(names.get(j) + " " + b + " (after links) must not be, contain or "
                            + "lie inside " + names.get(i) + " " + a);
                }
            }
        }
    }

    private static void createDirectory(String name, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigurationProblem("cannot create " + name + " directory " + dir + ": " + e);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new ConfigurationProblem(name + " " + dir + " is not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigurationProblem(name + " directory " + dir + " is not writable");
        }
    }

    /** Whether processed/ is on another file system than the inbox (allowed in cross-device copy mode). */
    public boolean processedOnAnotherFileSystem() {
        try {
            return !Files.getFileStore(inbox).equals(Files.getFileStore(processed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sameFileSystem(Path inbox, Path dir, String name) {
        try {
            if (!Files.getFileStore(inbox).equals(Files.getFileStore(dir))) {
                throw new ConfigurationProblem(name + " " + dir + " is on another file system than the inbox "
                        + inbox + ", so files cannot be published atomically; put both on one file system"
                        + (name.equals("processed") ? " or set filemill.delivery.cross-device=copy" : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
