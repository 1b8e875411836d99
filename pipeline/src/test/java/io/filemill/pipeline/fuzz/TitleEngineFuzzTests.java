package io.filemill.pipeline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.rule.TitleContext;
import io.filemill.pipeline.title.TitleFormat;
import io.filemill.pipeline.title.TitleFormats;
import io.filemill.pipeline.title.TitleLocation;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Fuzzes the title engine with any text: each format finds a title inside the text or none, and
 * the rules and the encoder accept whatever it found, without an exception.
 */
class TitleEngineFuzzTests {

    private static final String[] NAMES = {"doc.md", "page.html", "notes.txt", "README"};
    private static final TitleFormats FORMATS = TitleFormats.standard();
    private static final RuleChain RULES = RuleChain.defaults();
    private static final TitleContext CONTEXT = new TitleContext("doc.md", LocalDate.of(2026, 1, 1));

    @FuzzTest(maxDuration = "10s")
    void everyFormatFindsATitleInsideTheTextOrNone(FuzzedDataProvider data) {
        String name = NAMES[data.consumeInt(0, NAMES.length - 1)];
        boolean complete = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        TitleFormat format = FORMATS.forFile(name, text);
        Optional<TitleLocation> found = format.locate(text, complete);
        if (found.isPresent()) {
            TitleLocation title = found.get();
            assertThat(title.start()).isBetween(0, text.length());
            assertThat(title.end()).isBetween(title.start(), text.length());
            String rewritten = title.encoder().apply(RULES.apply(title.title(), CONTEXT));
            assertThat(rewritten).doesNotContain("\n");
        }
    }
}
