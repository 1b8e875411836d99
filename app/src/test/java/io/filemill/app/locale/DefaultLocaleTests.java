package io.filemill.app.locale;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.app.cli.FilemillCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * filemill behaves the same whatever the machine's default locale: under Turkish, {@code "I"}
 * lowers to a dotless {@code "ı"}, so {@code .HTML} would not be HTML and report keys would change;
 * under German a decimal point becomes a comma; under Arabic digits change.
 */
class DefaultLocaleTests {

    private final Locale original = Locale.getDefault();

    @TempDir
    Path root;

    @AfterEach
    void restore() {
        Locale.setDefault(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tr-TR", "de-DE", "ar-EG"})
    void aRunUnderAnotherDefaultLocaleMatchesFormatsAndPrintsNumbersAsEverywhere(String tag) throws Exception {
        Locale.setDefault(Locale.forLanguageTag(tag));
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.writeString(inbox.resolve("PAGE.HTML"), "<html><head><title>quarterly   report</title></head></html>\n");
        Files.writeString(inbox.resolve("NOTES.MD"), "# minutes   of the meeting\n\ntext\n");
        Files.writeString(inbox.resolve("LIST.TXT"), "items  in   stock\nmore\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FilemillCli cli = new FilemillCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        int exit = cli.run("run", "--inbox", inbox.toString(), "--processed", root.resolve("processed").toString(),
                "--failed", root.resolve("failed").toString(), "--home", root.resolve("state").toString(),
                "--min-age", "0s", "--mode", "THREAD", "--durability", "FAST");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(root.resolve("processed/PAGE.HTML"))
                .hasContent("<html><head><title>Quarterly Report</title></head></html>\n");
        assertThat(root.resolve("processed/NOTES.MD")).hasContent("# Minutes Of The Meeting\n\ntext\n");
        assertThat(root.resolve("processed/LIST.TXT")).hasContent("Items In Stock\nmore\n");
        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(summary).containsPattern("wall time +[0-9]+\\.[0-9]{2} s").containsPattern("files/s +[0-9]+\\.[0-9]")
                .contains("files seen   3");
        assertThat(root.resolve("state/runs/run-1.json")).content()
                .contains("\"mode\" : \"thread\"", "\"durability\" : \"fast\"");
        out.reset();
        assertThat(cli.run("history", "--home", root.resolve("state").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("  thread  .* [0-9]+\\.[0-9]  COMPLETED");
        out.reset();
        assertThat(cli.run("show", "1", "--home", root.resolve("state").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("took [0-9]+\\.[0-9] s");
    }
}
