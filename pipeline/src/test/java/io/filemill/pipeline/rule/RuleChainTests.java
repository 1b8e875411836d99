package io.filemill.pipeline.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
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
