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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes the title engine with any text: each format finds a title inside the text or none, and
 * a chain of up to three rules (drawn from the input; none is the default chain) and the encoder
 * accept whatever it found, without an exception and without a line break. The fuzzer also hunts
 * slow inputs: the text is read as a prefix and a unit, the unit repeated to about {@value #SMALL}
 * and {@value #LARGE} chars, and the larger text may take at most four times as long per char as
 * the smaller one (work quadratic in the repeats takes sixteen times as long), as {@link LinearTime}
 * measures it. Times below {@value #FLOOR_MILLIS} ms are too short to judge and pass.
 */
class TitleEngineFuzzTests {

    private static final String[] NAMES = {"doc.md", "page.html", "notes.txt", "README"};
    private static final TitleFormats FORMATS = TitleFormats.standard();
    /** Each built-in rule, with arguments that put markup, line breaks and odd spaces in a title. */
    private static final List<String> RULES = List.of("trim", "collapse-whitespace", "title-case", "upper", "lower",
            "prefix:# <b>&amp;\u00a0", "suffix:\r\n{name}", "replace:\\s=>\u2003", "replace:(.)=>$1\n",
            "template:{title}</title>{date}");
    private static final TitleContext CONTEXT = new TitleContext("doc.md", LocalDate.of(2026, 1, 1));
    private static final int SMALL = 16 * 1024;
    private static final int LARGE = 256 * 1024;
    private static final long FLOOR_MILLIS = 20;

    @FuzzTest(maxDuration = "10s")
    void everyFormatFindsATitleInsideTheTextOrNoneInTimeLinearInIt(FuzzedDataProvider data) throws Exception {
        String name = NAMES[data.consumeInt(0, NAMES.length - 1)];
        List<String> specs = new ArrayList<>();
        for (int n = data.consumeInt(0, 3); n > 0; n--) {
            specs.add(RULES.get(data.consumeInt(0, RULES.size() - 1)));
        }
        RuleChain rules = specs.isEmpty() ? RuleChain.defaults() : RuleChain.parse(specs);
        boolean complete = data.consumeBoolean();
        String prefix = data.consumeString(16);
        String unit = data.consumeRemainingAsString();
        findsATitleInsideOrNone(name, rules, prefix + unit, complete);
        if (unit.isEmpty()) {
            return;
        }
        String small = prefix + unit.repeat(Math.max(1, SMALL / unit.length()));
        String large = prefix + unit.repeat(Math.max(1, LARGE / unit.length()));
        LinearTime.Work largeWork = () -> findsATitleInsideOrNone(name, rules, large, complete);
        if (LinearTime.fastest(largeWork, 2) > FLOOR_MILLIS * 1_000_000) {
            double perChar = LinearTime.ratio(() -> findsATitleInsideOrNone(name, rules, small, complete), small.length(),
                    largeWork, large.length(), 4);
            assertThat(perChar).as("time per char at %d chars over time per char at %d chars: %s + %s repeated",
                    large.length(), small.length(), Debug.quote(prefix), Debug.quote(unit)).isLessThanOrEqualTo(4);
        }
    }

    private static void findsATitleInsideOrNone(String name, RuleChain rules, String text, boolean complete) {
        TitleFormat format = FORMATS.forFile(name, text);
        Optional<TitleLocation> found = format.locate(text, complete);
        if (found.isPresent()) {
            TitleLocation title = found.get();
            assertThat(title.start()).isBetween(0, text.length());
            assertThat(title.end()).isBetween(title.start(), text.length());
            String rewritten = title.encoder().apply(rules.apply(title.title(), CONTEXT));
            assertThat(rewritten).doesNotContain("\n");
        }
    }

    /** Shows a unit with its control characters escaped. */
    private static final class Debug {
        static String quote(String unit) {
            StringBuilder out = new StringBuilder("\"");
            unit.codePoints().limit(80).forEach(c -> out.append(c < 0x20 ? String.format("\\u%04x", c)
                    : new String(Character.toChars(c))));
            return out.append(unit.length() > 80 ? "...\"" : "\"").toString();
        }
    }
}
