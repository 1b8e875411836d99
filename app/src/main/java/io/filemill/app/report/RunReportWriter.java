package io.filemill.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each run's report as {@code <dir>/run-<id>.json}, atomically (temp file, then rename), and
 * reads it back. The JSON mapper is built on first use, off a run's path to its first file.
 */
@Component
public class RunReportWriter {

    private volatile JsonMapper mapper;

    private JsonMapper mapper() {
        JsonMapper current = mapper;
        if (current == null) {
            // reports outlive versions: a field an older version did not write reads as 0, null or empty
            current = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            mapper = current;
        }
        return current;
    }

    public Path write(RunReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("run-" + report.runId() + ".json");
        Path temp = dir.resolve(".run-" + report.runId() + ".json.tmp");
        Files.writeString(temp, mapper().writeValueAsString(report) + "\n");
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** Any value as indented JSON, as the reports are written: for {@code --json} output. */
    public String toJson(Object value) {
        return mapper().writeValueAsString(value);
    }

    public RunReport read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), RunReport.class);
    }

    /** Writes a partition's problems as {@code file}, atomically, for the run across machines to read. */
    public void write(RunProblems problems, Path file) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, mapper().writeValueAsString(problems) + "\n");
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public RunProblems readProblems(Path file) throws IOException {
        return mapper().readValue(file.toFile(), RunProblems.class);
    }
}
