package io.filemill.app.config;

import io.filemill.pipeline.deliver.DeliverySettings;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.scan.ScanSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

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
        DirectoryRules.createDirectory("processed", settings.processed());
        DirectoryRules.createDirectory("failed", settings.failed());
        DirectoryRules.createDirectory("home", settings.home());
        DirectoryRules.distinctOnDisk(settings.inbox(), settings.processed(), settings.failed(), settings.home());
        if (properties.delivery().crossDevice() == FilemillProperties.CrossDevice.REFUSE) {
            DirectoryRules.sameFileSystem(settings.inbox(), settings.processed(), "processed");
        }
        DirectoryRules.sameFileSystem(settings.inbox(), settings.failed(), "failed");
        return settings;
    }

    /**
     * The settings of a command that writes nothing (a dry run): checked like a run's, but no
     * directory is created and processed/ and failed/ need not exist.
     *
     * @throws ConfigurationProblem naming the first problem found
     */
    public static RunSettings readOnly(FilemillProperties properties) {
        SettingsCheck.check(properties);
        return new RunSettings(DirectoryRules.absolute(properties.inbox(), "inbox"), DirectoryRules.absolute(properties.processed(), "processed"),
                DirectoryRules.absolute(properties.failed(), "failed"), DirectoryRules.absolute(properties.home(), "home"), properties.workers(),
                SettingsCheck.rules(properties), SettingsCheck.scan(properties), properties.delivery(), properties.title(),
                SettingsCheck.retitlePlan(properties),
                SettingsCheck.deliverPlan(properties), properties.worker(),
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
        SettingsCheck.check(properties);
    }

    public Path journalDir() {
        return home.resolve("journal");
    }

    /** Where runs across machines keep their partitions' manifests and journals while they are unsettled. */
    public Path partitionsDir() {
        return home.resolve("partitions");
    }

    public Path reportDir() {
        return home.resolve("runs");
    }

    /** The lock file every worker JVM holds shared for its life (see {@code WorkerFence}). */
    public Path workerLock() {
        return home.resolve("workers.lock");
    }

    public DeliverySettings deliverySettings() {
        return deliverySettings(journalDir());
    }

    /** The delivery settings of a run that journals in {@code journalDir} (a partition's own, across machines). */
    public DeliverySettings deliverySettings(Path journalDir) {
        return new DeliverySettings(inbox, processed, failed, journalDir, delivery.collision(), delivery.durability(),
                scan.readyMarker(), delivery.force());
    }

    /** Whether processed/ is on another file system than the inbox (allowed in cross-device copy mode). */
    public boolean processedOnAnotherFileSystem() {
        try {
            return !Files.getFileStore(inbox).equals(Files.getFileStore(processed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
