package io.filemill.app.config;

import io.filemill.pipeline.deliver.CollisionPolicy;
import io.filemill.pipeline.deliver.Durability;
import io.filemill.pipeline.deliver.ForceMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code filemill.*}, as written in {@code config/application.yml} or given as
 * {@code --filemill.x=y}. Relative paths are relative to the working directory.
 *
 * @param inbox     where files wait to be processed
 * @param processed where delivered files go
 * @param failed    where files that cannot be handled go, each with a {@code .reason} file
 * @param home      state directory: job repository, run reports, journals, lock
 * @param workers   retitle workers (threads or worker JVMs); the deliver stage's are
 *                  {@code stages.deliver.workers}, by default two for durable delivery on threads and
 *                  one otherwise (see {@link SettingsCheck#defaultDeliverWorkers})
 * @param mode      how stages run: {@code thread} (a thread pool each) or {@code process} (worker JVMs)
 * @param rules     the title rule chain, in order
 * @param stages    per-stage overrides of {@code mode} and {@code workers}
 * @param worker    how worker JVMs are started and supervised in process mode
 * @param schedule  when {@code filemill schedule} runs
 * @param stop      how a run stops on a signal
 * @param watch     how {@code filemill watch} notices files
 * @param cluster   running the job across machines (nodes taking partitions over a message broker)
 */
@ConfigurationProperties("filemill")
public record FilemillProperties(
        @DefaultValue("work/inbox") Path inbox,
        @DefaultValue("work/processed") Path processed,
        @DefaultValue("work/failed") Path failed,
        @DefaultValue("work/state") Path home,
        @DefaultValue("2") int workers,
        @DefaultValue("thread") Mode mode,
        @DefaultValue({"collapse-whitespace", "title-case"}) List<String> rules,
        @DefaultValue Scan scan,
        @DefaultValue Delivery delivery,
        @DefaultValue Title title,
        @DefaultValue Stages stages,
        @DefaultValue Worker worker,
        @DefaultValue Schedule schedule,
        @DefaultValue Stop stop,
        @DefaultValue Watch watch,
        @DefaultValue Cluster cluster) {

    /** What {@code filemill schedule} does about a fire time that passed while it was not running. */
    public enum Misfire {
        /** Run once at start when at least one fire time was missed. */
        RUN_ONCE,
        /** Wait for the next fire time. */
        SKIP
    }

    /**
     * @param cron    when {@code filemill schedule} starts a run: a Spring cron expression with seconds
     *                (default every night at 02:00)
     * @param zone    the time zone of the expression; empty for the system's
     * @param misfire what to do at start about fire times missed while the scheduler was down
     * @param port    the local port of the health and metrics endpoints ({@code /actuator/health})
     */
    public record Schedule(@DefaultValue("0 0 2 * * *") String cron, @DefaultValue("") String zone,
                           @DefaultValue("run-once") Misfire misfire, @DefaultValue("8081") int port) {
    }

    /** Where a stage's work runs. */
    public enum Mode {
        THREAD, PROCESS
    }

    /**
     * What to do when processed/ is on another file system than the inbox, where a file cannot be
     * published atomically: refuse to start, or stage every file as a copy in processed/, force it,
     * read it back to verify it, and publish that copy.
     */
    public enum CrossDevice {
        REFUSE, COPY
    }

    /** Per-stage settings; a null field takes the top-level value (workers: the deliver stage's default is 2 for durable delivery on threads, else 1). */
    public record Stage(Mode mode, Integer workers) {
    }

    public record Stages(@DefaultValue Stage retitle, @DefaultValue Stage deliver) {
    }

    /**
     * @param jvmOptions     options for each worker JVM (a small heap by default)
     * @param window         requests in flight per worker
     * @param taskTimeout    a worker busy with one request for longer is killed and replaced
     * @param startTimeout   how long a worker may take to become ready
     * @param maxRestarts    more worker restarts than this within {@code restartPeriod} stop the run
     * @param restartPeriod  the window in which restarts are counted
     * @param classDataSharing whether worker start-up uses a class data archive, created on first use
     */
    public record Worker(@DefaultValue({"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"}) List<String> jvmOptions,
                         @DefaultValue("16") int window,
                         @DefaultValue("2m") Duration taskTimeout,
                         @DefaultValue("30s") Duration startTimeout,
                         @DefaultValue("5") int maxRestarts,
                         @DefaultValue("10s") Duration restartPeriod,
                         @DefaultValue("true") boolean classDataSharing) {
    }

    /**
     * @param recursive   whether subdirectories of the inbox are scanned
     * @param include     globs a file must match; empty takes all
     * @param exclude     globs that rule a file out
     * @param minAge      a file is taken once it has not been modified for this long
     * @param readyMarker when set (such as {@code .done}), a file is taken only once NAME + marker exists
     * @param readAhead   how many taken files are read into the page cache at once, ahead of the
     *                    retitle workers; 0 reads none ahead
     */
    public record Scan(@DefaultValue("false") boolean recursive, @DefaultValue List<String> include,
                       @DefaultValue List<String> exclude, @DefaultValue("5s") Duration minAge,
                       String readyMarker, @DefaultValue("4") int readAhead) {
    }

    /**
     * @param collision  what to do when processed/ has a file of the same name
     * @param durability {@code durable} forces data to disk before originals are deleted; {@code fast} does not
     * @param batchSize  most files one group commit covers
     * @param crossDevice what to do when processed/ is on another file system than the inbox
     * @param force      how a durable batch forces its rewritten files: {@code file-system} (one
     *                   syncfs where Linux has one that reports errors) or {@code each-file}
     */
    public record Delivery(@DefaultValue("suffix") CollisionPolicy collision,
                           @DefaultValue("durable") Durability durability,
                           @DefaultValue("256") int batchSize,
                           @DefaultValue("refuse") CrossDevice crossDevice,
                           @DefaultValue("file-system") ForceMethod force) {
    }

    /**
     * @param headBytes   how far into a file its title may end
     * @param fileTimeout how long retitling one file may take, in both modes; a file past it goes to
     *                    failed/ with a reason that says so
     */
    public record Title(@DefaultValue("1048576") int headBytes, @DefaultValue("30s") Duration fileTimeout) {
    }

    /**
     * @param grace how long a stop (SIGTERM, Ctrl-C) lets the files in flight finish; then the rest
     *              is left in the inbox
     */
    public record Stop(@DefaultValue("10s") Duration grace) {
    }

    /**
     * @param rescan how often {@code filemill watch} scans the inbox whatever the file system's change
     *               notifications said: the safety net for events lost or never sent (network file
     *               systems)
     */
    public record Watch(@DefaultValue("1m") Duration rescan) {
    }

    /**
     * @param partitions    how many partitions a run splits its inbox into for {@code filemill node}s to
     *                      take; 0 runs the job on this machine
     * @param queue         the broker queue the partition requests go to
     * @param pollInterval  how often the run asks the job repository how its partitions are doing
     * @param timeout       how long a run waits for all of its partitions before it fails
     * @param nodeConsumers how many partitions one node works on at a time
     * @param nodeTimeout   how long a partition's node may give no sign of life (it records its
     *                      progress every second) before the run ends its database session, which
     *                      takes its fence, and sends the partition again for another node
     * @param nodePort      the local port of a node's health and metrics endpoints
     */
    public record Cluster(@DefaultValue("0") int partitions, @DefaultValue("filemill.requests") String queue,
                          @DefaultValue("1s") Duration pollInterval, @DefaultValue("12h") Duration timeout,
                          @DefaultValue("1") int nodeConsumers, @DefaultValue("1m") Duration nodeTimeout,
                          @DefaultValue("8082") int nodePort) {
    }
}
