package io.filemill.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
}
