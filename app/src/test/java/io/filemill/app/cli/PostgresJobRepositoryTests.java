package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.TcpRelay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job repository on a real PostgreSQL server, which {@code .ci/run} installs and starts
 * ({@code .ci/postgres.sh}); runs wherever FILEMILL_TEST_POSTGRES_URL names one.
 */
@EnabledIfEnvironmentVariable(named = "FILEMILL_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*")
class PostgresJobRepositoryTests {

    static final String URL = System.getenv("FILEMILL_TEST_POSTGRES_URL");
    static final String USER = System.getenv().getOrDefault("FILEMILL_TEST_POSTGRES_USER", "filemill");
    static final String PASSWORD = System.getenv().getOrDefault("FILEMILL_TEST_POSTGRES_PASSWORD", "filemill");

    @TempDir
    Path root;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Starts from an empty database, so the schema is created on first use. */
    @BeforeEach
    void dropBatchTables() throws Exception {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            for (String table : List.of("batch_step_execution_context", "batch_job_execution_context",
                    "batch_step_execution", "batch_job_execution_params", "batch_job_execution", "batch_job_instance")) {
                statement.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
            }
            for (String sequence : List.of("batch_step_execution_seq", "batch_job_execution_seq", "batch_job_instance_seq")) {
                statement.execute("DROP SEQUENCE IF EXISTS " + sequence);
            }
        }
    }

    private int filemill(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", root.resolve("state").toString(), "--spring.datasource.url=" + URL,
                "--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD));
        return new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
    }

    @Test
    void runsAndHistoryUseTheJobRepositoryOnPostgres() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.writeString(inbox.resolve("a.md"), "# on postgres\n");
        String[] run = {"run", "--inbox", inbox.toString(), "--processed", root.resolve("processed").toString(),
                "--failed", root.resolve("failed").toString(), "--min-age", "0s"};

        assertThat(filemill(run)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Files.writeString(inbox.resolve("b.md"), "# second run\n");
        assertThat(filemill(run)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        out.reset();
        assertThat(filemill("history")).isZero();

        assertThat(root.resolve("processed/a.md")).hasContent("# On Postgres\n");
        assertThat(out.toString(StandardCharsets.UTF_8).lines().skip(1).toList()).hasSize(2)
                .allMatch(line -> line.endsWith("COMPLETED"));
        assertThat(root.resolve("state")).isDirectoryNotContaining("glob:**/jobrepo*");
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*), sum(write_count) from batch_step_execution")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(2);
            assertThat(rows.getLong(2)).isEqualTo(2);
        }
    }

    @Test
    void scheduleHealthIsDownWhileTheJobRepositoryIsUnreachable() throws Exception {
        URI database = URI.create(URL.substring("jdbc:".length()));
        Files.createDirectories(root.resolve("inbox"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (TcpRelay link = new TcpRelay(database.getHost(), database.getPort())) {
            String url = "jdbc:postgresql://127.0.0.1:" + link.port() + database.getPath();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FilemillMain.class.getName(), "schedule",
                    "--inbox", root.resolve("inbox").toString(), "--processed", root.resolve("processed").toString(),
                    "--failed", root.resolve("failed").toString(), "--home", root.resolve("state").toString(),
                    "--filemill.schedule.port=" + port, "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD,
                    "--spring.datasource.hikari.connection-timeout=1000"));
            Process schedule = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(root.resolve("schedule.log").toFile()).start();
            try {
                String up = awaitHealth(port, schedule);
                assertThat(up).contains("\"db\":{", "\"database\":\"PostgreSQL\"").startsWith("{\"components\"")
                        .endsWith("\"status\":\"UP\"}");

                link.close(); // the network to the database is gone, and every pooled connection with it

                String down = health(port);
                assertThat(down).contains("\"db\":{").endsWith("\"status\":\"DOWN\"}");
            } finally {
                schedule.destroy();
                assertThat(schedule.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private String awaitHealth(int port, Process schedule) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            assertThat(schedule.isAlive()).as(Files.readString(root.resolve("schedule.log"))).isTrue();
            try {
                return health(port);
            } catch (IOException notYet) {
                assertThat(System.nanoTime()).as(Files.readString(root.resolve("schedule.log"))).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static String health(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
