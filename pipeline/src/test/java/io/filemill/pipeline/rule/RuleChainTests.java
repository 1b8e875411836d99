package io.filemill.pipeline.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleChainTests {

    private static final TitleContext CONTEXT = new TitleContext("report-q3.md", LocalDate.of(2026, 11, 23));

    private static String apply(String title, String... specs) {
        return RuleChain.parse(List.of(specs)).apply(title, CONTEXT);
    }

    @Test
    void defaultChainCollapsesWhitespaceThenTitleCases() {
        assertThat(RuleChain.defaults().apply("  the   QUICK\tbrown fox ", CONTEXT)).isEqualTo("The Quick Brown Fox");
    }

    @Test
    void titleCaseUpperCasesFirstCharacterAndLowerCasesTheRestOfEachWord() {
        assertThat(apply("mcDONALD's o'neil x-RAY ünïcode 1st", "title-case"))
                .isEqualTo("Mcdonald's O'neil X-ray Ünïcode 1st");
    }

    @Test
    void titleCaseHandlesCharactersOutsideTheBasicPlane() {
        assertThat(apply("𝒜bc DEF", "title-case")).isEqualTo("𝒜bc Def");
    }

    @Test
    void trimRemovesOnlyOuterWhitespace() {
        assertThat(apply("  a  b  ", "trim")).isEqualTo("a  b");
    }

    @Test
    void titleCaseAloneTakesATitleThatStartsWithANoBreakSpace() {
        // an HTML title's &nbsp; decodes to U+00A0; this once split into an empty first word and threw
        assertThat(apply("\u00a0quarterly  budget\u00a0", "title-case")).isEqualTo("Quarterly Budget");
    }

    @Test
    void everyUnicodeSpaceSeparatesWordsAndIsTrimmed() {
        assertThat(apply("\u2003a\u2007b\u202Fc\u00a0\u3000d\u2028", "collapse-whitespace")).isEqualTo("a b c d");
        assertThat(apply("quarterly\u2003budget", "title-case")).isEqualTo("Quarterly Budget");
        assertThat(apply("\u00a0\u2003a \u00a0b\u202F", "trim")).isEqualTo("a \u00a0b");
    }

    @Test
    void everyRuleAloneAndInEveryPairTakesAnyTitleOfWordsAndSpaces() {
        int[] spaces = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                .filter(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)).toArray();
        int[] letters = {'a', 'Q', '1', '\'', 0xDF, 0x1D49C, 0x0130, 0x4E2D, '-'};
        List<String> rules = List.of("trim", "collapse-whitespace", "title-case", "upper", "lower", "prefix:x ",
                "suffix: {name}", "replace:\\s+=>_", "template:{title} {date}");
        Random random = new Random(13);
        for (int round = 0; round < 3_000; round++) {
            StringBuilder title = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                int[] pool = random.nextBoolean() ? spaces : letters;
                title.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            String text = title.toString();
            for (String first : rules) {
                for (String second : rules) {
                    apply(text, first, second);
                }
            }
            String collapsed = apply(text, "collapse-whitespace");
            assertThat(collapsed).as("collapsed %s", text.codePoints().boxed().toList())
                    .doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
            assertThat(collapsed.codePoints().filter(c -> c != ' ').allMatch(c -> !Character.isWhitespace(c)
                    && !Character.isSpaceChar(c))).as("only single spaces between the words of %s", collapsed).isTrue();
            assertThat(apply(text, "title-case")).isEqualTo(apply(collapsed, "title-case"));
        }
    }

    @Test
    void upperAndLowerIgnoreTheDefaultLocale() {
        assertThat(apply("title", "upper")).isEqualTo("TITLE");
        assertThat(apply("TITLE", "lower")).isEqualTo("title");
    }

    @Test
    void prefixAndSuffixAddText() {
        assertThat(apply("x", "prefix:[draft] ", "suffix: ({date})")).isEqualTo("[draft] x (2026-11-23)");
    }

    @Test
    void replaceUsesRegexWithGroupReferences() {
        assertThat(apply("Chapter 12: Intro", "replace:Chapter (\\d+): =>$1. ")).isEqualTo("12. Intro");
    }

    @Test
    void templateFillsTitleNameAndDate() {
        assertThat(apply("Old", "template:{name} - {title} ({date})")).isEqualTo("report-q3 - Old (2026-11-23)");
    }

    @Test
    void lineBreaksInTheResultBecomeSpaces() {
        assertThat(apply("a", "suffix:\nb")).isEqualTo("a b");
    }

    @Test
    void rejectsUnknownRuleNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> RuleChain.parse(List.of("trim", "shout")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown title rule 'shout' (known: trim, ");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> RuleChain.parse(List.of("prefix"))).hasMessageContaining("needs an argument");
        assertThatThrownBy(() -> RuleChain.parse(List.of("upper:x"))).hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> RuleChain.parse(List.of("replace:abc"))).hasMessageContaining("REGEX=>TEXT");
        assertThatThrownBy(() -> RuleChain.parse(List.of("replace:(=>x"))).hasMessageContaining("bad regular expression");
    }
}
