package io.filemill.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.SampleData;
import io.filemill.app.cli.FilemillCli;
import io.filemill.app.cli.FilemillMain;
import io.filemill.app.corpus.CorpusGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.jms.core.JmsTemplate;

/**
 * The job across machines on real servers, which {@code .ci/run} starts: ActiveMQ Artemis
 * ({@code .ci/artemis.sh}) and PostgreSQL ({@code .ci/postgres.sh}). The nodes are real
 * {@code filemill node} processes on this machine, sharing one directory tree as machines would
 * share a mounted file system; the manager is {@code filemill run --partitions N}. Every test has
 * a queue of its own, so that nothing another test left on the broker reaches it.
 */
@EnabledIfEnvironmentVariable(named = "FILEMILL_TEST_ARTEMIS_URL", matches = "tcp://.*")
@EnabledIfEnvironmentVariable(named = "FILEMILL_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*")
class ClusterTests {

    static final String ARTEMIS_URL = System.getenv("FILEMILL_TEST_ARTEMIS_URL");
    static final String ARTEMIS_USER = System.getenv().getOrDefault("FILEMILL_TEST_ARTEMIS_USER", "filemill");
    static final String ARTEMIS_PASSWORD = System.getenv().getOrDefault("FILEMILL_TEST_ARTEMIS_PASSWORD", "");
    static final String POSTGRES_URL = System.getenv("FILEMILL_TEST_POSTGRES_URL");
    static final String POSTGRES_USER = System.getenv().getOrDefault("FILEMILL_TEST_POSTGRES_USER", "filemill");
    static final String POSTGRES_PASSWORD = System.getenv().getOrDefault("FILEMILL_TEST_POSTGRES_PASSWORD", "filemill");
    static final int GENERATED = 1200;

    /** The corpus and its local run, made once for every test (both are deterministic). */
    @TempDir
    static Path once;
    static Path corpus;
    static Path reference;

    @TempDir
    Path root;
    Path shared;
    final String queue = "filemill.test." + UUID.randomUUID();
    final List<Process> nodes = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A corpus (the sample inbox, whose failures go to failed/, and generated files) and its local run. */
    @BeforeAll
    static void corpusAndLocalReference() throws Exception {
        corpus = once.resolve("corpus");
        new CorpusGenerator(23).generate(corpus, GENERATED);
        FileUtils.copyDirectory(SampleData.root().resolve("inbox").toFile(), corpus.toFile());
        Path local = copy(once, "local");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = new FilemillCli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8)).run(directories(local, "run", "--min-age", "0s"));
        assertThat(exit).as(errors.toString(StandardCharsets.UTF_8)).isEqualTo(1); // the sample's bad files failed
        reference = local;
    }

    @BeforeEach
    void sharedDirectories() throws IOException {
        shared = copy(root, "shared");
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process node : nodes) {
            node.destroyForcibly();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Path copy(Path root, String name) throws IOException {
        Path dir = root.resolve(name);
        FileUtils.copyDirectory(corpus.toFile(), dir.resolve("inbox").toFile());
        return dir;
    }

    private static String[] directories(Path dir, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--inbox", dir.resolve("inbox").toString(), "--processed", dir.resolve("processed").toString(),
                "--failed", dir.resolve("failed").toString(), "--home", dir.resolve("state").toString()));
        return all.toArray(String[]::new);
    }

    private List<String> shared(String... command) {
        List<String> all = new ArrayList<>(List.of(directories(shared, command)));
        all.addAll(List.of("--filemill.cluster.queue=" + queue, "--filemill.cluster.timeout=3m",
                "--filemill.cluster.poll-interval=200ms",
                "--spring.datasource.url=" + POSTGRES_URL, "--spring.datasource.username=" + POSTGRES_USER,
                "--spring.datasource.password=" + POSTGRES_PASSWORD, "--spring.artemis.broker-url=" + ARTEMIS_URL,
                "--spring.artemis.user=" + ARTEMIS_USER, "--spring.artemis.password=" + ARTEMIS_PASSWORD));
        return all;
    }

    /** A command that reads the shared job repository (history, show). */
    private List<String> repository(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--home", shared.resolve("state").toString(), "--spring.datasource.url=" + POSTGRES_URL,
                "--spring.datasource.username=" + POSTGRES_USER, "--spring.datasource.password=" + POSTGRES_PASSWORD));
        return all;
    }

    /** Starts a node process and waits until it takes requests. */
    private Process node(String name, String... options) throws Exception {
        Process node = startNode(name, options);
        awaitTaking(name, node);
        return node;
    }

    /** Starts a node process (several start side by side faster than one after the other). */
    private Process startNode(String name, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the quick compiler only, as bin/filemill runs one-off commands: a node starts in half the time
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName()));
        command.addAll(shared("node"));
        command.add("--filemill.cluster.node-port=0"); // health and metrics on a free port
        command.addAll(List.of(options));
        Process node = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve(name + ".log").toFile()).start();
        nodes.add(node);
        return node;
    }

    private void awaitTaking(String name, Process node) throws Exception {
        Path log = root.resolve(name + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(log) || !Files.readString(log).contains("taking partitions")) {
            assertThat(node.isAlive()).as(name + " exited: " + (Files.exists(log) ? Files.readString(log) : "")).isTrue();
            assertThat(System.nanoTime()).as(name + " did not start").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private int manager(String... options) {
        List<String> command = shared("run", "--min-age", "0s");
        command.addAll(List.of(options));
        return filemill(command);
    }

    private int filemill(List<String> command) {
        return new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(command.toArray(String[]::new));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private void assertSameAsTheLocalRun() throws IOException {
        SampleData.assertSameTree(shared.resolve("processed"), reference.resolve("processed"));
        assertThat(SampleData.relativeFiles(shared.resolve("failed")))
                .isEqualTo(SampleData.relativeFiles(reference.resolve("failed")));
        assertThat(SampleData.relativeFiles(shared.resolve("inbox"))) // what no run takes: hidden and temporary names
                .isEqualTo(SampleData.relativeFiles(reference.resolve("inbox")));
        try (Stream<Path> files = Files.walk(shared.resolve("processed"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".filemill-")).toList())
                    .as("staged files left").isEmpty();
        }
    }

    @Test
    void aRunAcrossThreeNodesDeliversWhatALocalRunDelivers() throws Exception {
        Process first = startNode("node-1");
        Process second = startNode("node-2");
        Process third = startNode("node-3", "--mode", "process");
        awaitTaking("node-1", first);
        awaitTaking("node-2", second);
        awaitTaking("node-3", third);

        int exit = manager("--partitions", "5");

        assertThat(exit).as(output()).isEqualTo(1); // the sample's bad files failed, as locally
        assertSameAsTheLocalRun();
        assertThat(output()).contains("COMPLETED", "5 partitions").doesNotContain("FAILED");
        long nodesThatWorked = output().lines().filter(line -> line.trim().matches("partition\\d+ .*"))
                .map(line -> line.trim().split("\\s+")[1]).distinct().count();
        assertThat(nodesThatWorked).as(output()).isGreaterThan(1);
        assertThat(output()).as("the nodes name the files that failed").contains("failed: image.png: binary content",
                "failed: latin1.txt: not valid UTF-8");

        String run = output().lines().filter(line -> line.contains("across machines")).findFirst().orElseThrow()
                .split(" ")[1];
        out.reset();
        assertThat(filemill(repository("history"))).isZero();
        assertThat(output().lines().filter(line -> line.trim().startsWith(run + " ")))
                .singleElement().asString().contains("cluster", "5 partitions", "COMPLETED");
        out.reset();
        assertThat(filemill(repository("show", run))).isZero();
        assertThat(output().lines().filter(line -> line.trim().startsWith("partition ")))
                .as(output()).hasSize(5).allMatch(line -> line.contains("COMPLETED") && line.contains(" on "));

        String health = get(first, "node-1", "/actuator/health");
        assertThat(health).containsPattern("\"jms\":\\{\"details\":\\{\"provider\":\"ActiveMQ\"},\"status\":\"UP\"}")
                .contains("\"db\":{", "PostgreSQL").endsWith("\"status\":\"UP\"}");
        assertThat(get(first, "node-1", "/actuator/prometheus")).contains("filemill_stage_latency");

        // a redelivered request for a partition that completed is dropped, and nothing changes
        long completed;
        try (Connection db = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
             ResultSet row = db.createStatement().executeQuery("SELECT max(step_execution_id) FROM batch_step_execution "
                     + "WHERE step_name LIKE 'retitle-partition:%' AND status = 'COMPLETED'")) {
            assertThat(row.next()).isTrue();
            completed = row.getLong(1);
        }
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(ARTEMIS_URL, ARTEMIS_USER, ARTEMIS_PASSWORD)) {
            JmsTemplate broker = new JmsTemplate(factory);
            broker.setMessageConverter(new RequestConverter());
            broker.convertAndSend(queue, new StepExecutionRequest(ClusterRunService.WORKER_STEP, completed));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!logsOfAllNodes().contains("partition " + completed + ": already COMPLETED; request dropped")) {
            assertThat(System.nanoTime()).as(logsOfAllNodes()).isLessThan(deadline);
            Thread.sleep(50);
        }
        assertSameAsTheLocalRun();
    }

    private String logsOfAllNodes() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("node-1", "node-2", "node-3")) {
            logs.append(Files.readString(root.resolve(name + ".log")));
        }
        return logs.toString();
    }

    /** A GET on a node's health and metrics port, which its start-up line names. */
    private String get(Process node, String name, String path) throws Exception {
        assertThat(node.isAlive()).isTrue();
        String log = Files.readString(root.resolve(name + ".log"));
        Matcher port = Pattern.compile("health on http://127\\.0\\.0\\.1:(\\d+)/").matcher(log);
        assertThat(port.find()).as(log).isTrue();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.group(1) + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Test
    void aNodeThatStallsLosesItsPartitionToAnotherAndDeliversNothingWhenItWakes() throws Exception {
        Process stalled = node("stalled", "--filemill.delivery.batch-size=8");
        Thread staller = onceDelivered(200, () -> {
            signal("STOP", stalled); // a long pause: its database session and its broker connection stay open
            node("other");
        });

        int exit = manager("--partitions", "1", "--filemill.cluster.node-timeout=4s");
        staller.join(TimeUnit.SECONDS.toMillis(60));
        List<String> deliveredWhileStalled = SampleData.relativeFiles(shared.resolve("processed"));
        signal("CONT", stalled);
        Path log = root.resolve("stalled.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log).contains("lost the fence")) {
            assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(1000); // whatever it still had in hand

        assertThat(exit).as(output()).isEqualTo(1);
        assertSameAsTheLocalRun();
        assertThat(SampleData.relativeFiles(shared.resolve("processed"))).isEqualTo(deliveredWhileStalled);
        assertThat(Files.readString(root.resolve("other.log"))).contains("taking it over");
    }

    @Test
    void aNodeStoppedBySigtermHandsItsPartitionBackAndExitsCleanly() throws Exception {
        Process leaving = node("leaving", "--filemill.delivery.batch-size=8");
        Thread stopper = onceDelivered(200, () -> {
            signal("TERM", leaving);
            node("successor");
        });

        int exit = manager("--partitions", "1");
        stopper.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(leaving.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(leaving.exitValue()).as(Files.readString(root.resolve("leaving.log"))).isZero();
        assertThat(Files.readString(root.resolve("leaving.log"))).contains("handed back");
        assertThat(exit).as(output()).isEqualTo(1);
        assertSameAsTheLocalRun();
        assertThat(Files.readString(root.resolve("successor.log"))).contains("taking it over");
    }

    @Test
    void aRunWhoseManagerWasKilledIsSettledByTheNextRunWithEveryFileInExactlyOnePlace() throws Exception {
        node("node", "--filemill.delivery.batch-size=8");
        Process manager = managerProcess("--partitions", "3");
        awaitDelivered(200, manager);
        manager.destroyForcibly(); // SIGKILL: its job stays STARTED, its partitions go on on the node
        assertThat(manager.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(filemill(List.of(directories(shared, "run", "--min-age", "0s")))).as("a local run may not start meanwhile")
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("did not finish", "--partitions");

        int exit = manager("--partitions", "2");

        assertThat(exit).as(output()).isBetween(0, 1);
        assertSameAsTheLocalRun();
        assertThat(shared.resolve("state/partitions")).isEmptyDirectory();
        out.reset();
        assertThat(filemill(repository("history"))).isZero();
        assertThat(output()).contains("FAILED", "COMPLETED");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "FILEMILL_TEST_ARTEMIS_HOME", matches = ".+")
    void aBrokerKilledAndRestartedMidRunCostsNoFile() throws Exception {
        Process first = startNode("node-1", "--filemill.delivery.batch-size=8");
        Process second = startNode("node-2", "--filemill.delivery.batch-size=8");
        awaitTaking("node-1", first);
        awaitTaking("node-2", second);
        Path brokerHome = Path.of(System.getenv("FILEMILL_TEST_ARTEMIS_HOME"));
        Thread restarter = onceDelivered(200, () -> {
            String pid = Files.readString(brokerHome.resolve("broker.pid")).trim();
            Process kill = new ProcessBuilder("kill", "-KILL", pid).inheritIO().start();
            kill.waitFor(10, TimeUnit.SECONDS);
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(broker -> broker.onExit().join());
            ProcessBuilder restart = new ProcessBuilder("bash", SampleData.root().resolveSibling(".ci/artemis.sh").toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("broker-restart.log").toFile());
            restart.environment().put("FILEMILL_CI_ARTEMIS_HOME", brokerHome.toString());
            Process start = restart.start();
            start.waitFor(120, TimeUnit.SECONDS);
        });

        int exit = manager("--partitions", "4");
        restarter.join(TimeUnit.SECONDS.toMillis(120));

        assertThat(exit).as(output()).isEqualTo(1);
        assertSameAsTheLocalRun();
        assertThat(Files.readString(root.resolve("broker-restart.log"))).contains("FILEMILL_TEST_ARTEMIS_URL");
    }

    @Test
    void aRunStoppedBySigtermStopsItsPartitionsOnTheNodesAndTheNextRunTakesTheRest() throws Exception {
        node("node", "--filemill.delivery.batch-size=8");
        Process manager = managerProcess("--partitions", "2");
        awaitDelivered(200, manager);

        signal("TERM", manager);

        assertThat(manager.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(manager.exitValue()).as(Files.readString(root.resolve("manager.log"))).isEqualTo(143);
        assertThat(Files.readString(root.resolve("manager.log"))).contains("STOPPED");
        List<String> processed = SampleData.relativeFiles(shared.resolve("processed"));
        assertThat(processed).isNotEmpty().isSubsetOf(SampleData.relativeFiles(reference.resolve("processed")));
        assertThat(SampleData.relativeFiles(shared.resolve("inbox")).size() + processed.size()
                + SampleData.relativeFiles(shared.resolve("failed")).size() / 2)
                .as("every file in exactly one place").isEqualTo(SampleData.relativeFiles(corpus).size());

        assertThat(manager("--partitions", "2")).as(output()).isBetween(0, 1);
        assertSameAsTheLocalRun();
    }

    /** The manager as a process of its own, to signal or kill. */
    private Process managerProcess(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName()));
        command.addAll(shared("run", "--min-age", "0s"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("manager.log").toFile())
                .start();
    }

    private void awaitDelivered(long count, Process manager) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (delivered() < count) {
            assertThat(manager.isAlive()).as(Files.readString(root.resolve("manager.log"))).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    @Test
    void watchWithPartitionsRunsEachWaveAcrossTheNodes() throws Exception {
        node("node", "--filemill.delivery.batch-size=8");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName()));
        command.addAll(shared("watch", "--min-age", "0s", "--filemill.cluster.partitions=2",
                "--filemill.schedule.port=0"));
        Process watch = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("watch.log").toFile()).start();
        nodes.add(watch);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!inboxAsTheLocalRunLeftIt()) {
            assertThat(watch.isAlive()).as(Files.readString(root.resolve("watch.log"))).isTrue();
            assertThat(System.nanoTime()).as(Files.readString(root.resolve("watch.log"))).isLessThan(deadline);
            Thread.sleep(100);
        }

        signal("TERM", watch);

        assertThat(watch.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.exitValue()).as(Files.readString(root.resolve("watch.log"))).isZero();
        assertThat(Files.readString(root.resolve("watch.log"))).contains("across machines");
        assertSameAsTheLocalRun();
    }

    @Test
    void aNodeLookingAtAnotherInboxFailsThePartitionInsteadOfReportingItDone() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName()));
        command.addAll(shared("node").stream().map(arg -> arg.equals(shared.resolve("inbox").toString())
                ? elsewhere.toString() : arg).toList()); // the run's other directories, but another inbox
        command.add("--filemill.cluster.node-port=0");
        Process misconfigured = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("misconfigured.log").toFile()).start();
        nodes.add(misconfigured);
        awaitTaking("misconfigured", misconfigured);

        int exit = manager("--partitions", "1");

        assertThat(exit).as(output()).isEqualTo(2);
        assertThat(output()).contains("is this node's filemill.inbox the run's inbox?");
        assertThat(SampleData.relativeFiles(shared.resolve("inbox"))).isEqualTo(SampleData.relativeFiles(corpus));
    }

    @Test
    void wrongBrokerCredentialsAreRefusedWithOneLineAndNothingTaken() throws Exception {
        List<String> node = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName()));
        node.addAll(shared("node"));
        node.add("--spring.artemis.password=wrong");
        Process refused = new ProcessBuilder(node).redirectError(root.resolve("refused.err").toFile())
                .redirectOutput(root.resolve("refused.out").toFile()).start();
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(root.resolve("refused.err")).stream().filter(line -> line.startsWith("filemill:")))
                .singleElement().asString().contains("cannot connect to the message broker", ARTEMIS_URL, "AMQ229031");

        assertThat(manager("--partitions", "2", "--spring.artemis.password=wrong")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot connect to the message broker");
        assertThat(SampleData.relativeFiles(shared.resolve("inbox"))).isEqualTo(SampleData.relativeFiles(corpus));
    }

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void aNodeKilledMidPartitionLeavesItToAnotherNodeAndNothingIsDeliveredTwice() throws Exception {
        Process doomed = node("doomed", "--filemill.delivery.batch-size=8");
        Thread killer = onceDelivered(200, () -> {
            doomed.destroyForcibly(); // SIGKILL, mid-partition: its request was not acknowledged
            doomed.waitFor(30, TimeUnit.SECONDS);
            node("survivor");
        });

        int exit = manager("--partitions", "1");
        killer.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(doomed.isAlive()).isFalse();
        assertThat(exit).as(output()).isEqualTo(1);
        assertSameAsTheLocalRun();
        assertThat(Files.readString(root.resolve("survivor.log"))).contains("taking it over");
    }

    /** Whether the shared inbox holds what the local run left (what no run takes); false while files move. */
    private boolean inboxAsTheLocalRunLeftIt() throws IOException {
        try {
            return SampleData.relativeFiles(shared.resolve("inbox")).equals(SampleData.relativeFiles(reference.resolve("inbox")));
        } catch (UncheckedIOException movedWhileListed) {
            return false;
        }
    }

    /** What a test does to a node or a server mid-run. */
    @FunctionalInterface
    private interface MidRun {
        void act() throws Exception;
    }

    /** Starts a thread that does {@code action} once {@code count} files are in processed/. */
    private Thread onceDelivered(long count, MidRun action) {
        Thread thread = new Thread(() -> {
            try {
                while (delivered() < count) {
                    Thread.sleep(2);
                }
                action.act();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    private long delivered() throws IOException {
        Path processed = shared.resolve("processed");
        if (!Files.isDirectory(processed)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(processed)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
