package io.filemill.pipeline.retitle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.task.Confinement;
import io.filemill.pipeline.task.Deadline;
import io.filemill.pipeline.task.EngineBugException;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Permissions;
import io.filemill.pipeline.task.RetitleResult.Rejected;
import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult.Unchanged;
import io.filemill.pipeline.task.RetitleResult;
import io.filemill.pipeline.title.TitleFormat;
import io.filemill.pipeline.title.TitleFormats;
import io.filemill.pipeline.title.TitleLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetitlerTests {

    @TempDir
    Path root;
    Path inbox;
    Path staging;
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

    @BeforeEach
    void dirs() throws IOException {
        inbox = Files.createDirectory(root.resolve("inbox"));
        staging = Files.createDirectory(root.resolve("processed"));
    }

    private RetitleResult retitle(String name, byte[] content, List<String> rules, int headLimit) throws IOException {
        Path file = Files.write(inbox.resolve(name), content);
        Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "t", RuleChain.parse(rules),
                LocalDate.of(2026, 11, 23), headLimit));
        return retitler.retitle(new FileTask(ids.incrementAndGet(), file, name, content.length));
    }

    private RetitleResult retitle(String name, String content) throws IOException {
        return retitle(name, content.getBytes(StandardCharsets.UTF_8), RuleChain.DEFAULT_SPECS,
                RetitleSettings.DEFAULT_HEAD_LIMIT);
    }

    /** Retitles with the default rules and returns the staged content. */
    private String rewritten(String name, String content) throws IOException {
        RetitleResult result = retitle(name, content);
        assertThat(result).isInstanceOf(Rewritten.class);
        return Files.readString(((Rewritten) result).staged());
    }

    @Nested
    class Markdown {

        @Test
        void rewritesAtxHeadingAndKeepsEverythingElse() throws IOException {
            assertThat(rewritten("a.md", "# hello   world\n\nBody *text*.\n"))
                    .isEqualTo("# Hello World\n\nBody *text*.\n");
        }

        @Test
        void keepsClosingHashesOfAtxHeading() throws IOException {
            assertThat(rewritten("a.md", "#   my title ##\nrest")).isEqualTo("#   My Title ##\nrest");
        }

        @Test
        void ignoresLevelTwoHeadingsAndHashesWithoutSpace() throws IOException {
            assertThat(rewritten("a.md", "## second level\n#hashtag\n# real one\n"))
                    .isEqualTo("## second level\n#hashtag\n# Real One\n");
        }

        @Test
        void rewritesSetextHeading() throws IOException {
            assertThat(rewritten("a.md", "intro para\n\nthe  TITLE\n=====\n\ntext\n"))
                    .isEqualTo("intro para\n\nThe Title\n=====\n\ntext\n");
        }

        @Test
        void frontMatterTitleTakesPrecedenceOverHeading() throws IOException {
            assertThat(rewritten("a.md", "---\nlayout: post\ntitle: front matter title\n---\n# heading\n"))
                    .isEqualTo("---\nlayout: post\ntitle: Front Matter Title\n---\n# heading\n");
        }

        @Test
        void keepsQuotingStyleOfFrontMatterTitle() throws IOException {
            assertThat(rewritten("a.md", "---\ntitle: \"say \\\"hi\\\" now\"\n---\n"))
                    .isEqualTo("---\ntitle: \"Say \\\"hi\\\" Now\"\n---\n");
            assertThat(rewritten("b.md", "---\ntitle: 'it''s here'\n---\n"))
                    .isEqualTo("---\ntitle: 'It''s Here'\n---\n");
        }

        @Test
        void keepsCommentAfterPlainFrontMatterTitle() throws IOException {
            assertThat(rewritten("a.md", "---\ntitle: draft one # todo\n---\n"))
                    .isEqualTo("---\ntitle: Draft One # todo\n---\n");
        }

        @Test
        void quotesNewFrontMatterTitleWhenYamlWouldMisreadIt() throws IOException {
            RetitleResult result = retitle("a.md", "---\ntitle: plain\n---\n".getBytes(StandardCharsets.UTF_8),
                    List.of("template:Re: {title}"), RetitleSettings.DEFAULT_HEAD_LIMIT);
            assertThat(Files.readString(((Rewritten) result).staged())).isEqualTo("---\ntitle: \"Re: plain\"\n---\n");
        }

        @Test
        void usesHeadingWhenFrontMatterHasNoTitle() throws IOException {
            assertThat(rewritten("a.md", "---\ntags: [a]\n---\n# the heading\n"))
                    .isEqualTo("---\ntags: [a]\n---\n# The Heading\n");
        }

        @Test
        void skipsHeadingsInsideFencedCode() throws IOException {
            assertThat(rewritten("a.md", "```sh\n# not a title\n```\n# real title\n"))
                    .isEqualTo("```sh\n# not a title\n```\n# Real Title\n");
        }

        @Test
        void deliversFileWithoutTitleUnchanged() throws IOException {
            assertThat(retitle("a.md", "just text\nno heading\n")).isInstanceOf(Unchanged.class)
                    .extracting(r -> ((Unchanged) r).title()).isNull();
        }
    }

    @Nested
    class Html {

        @Test
        void rewritesTitleElement() throws IOException {
            assertThat(rewritten("a.html", "<html><head><TITLE lang=en>  old  page </TITLE></head></html>"))
                    .isEqualTo("<html><head><TITLE lang=en>  Old Page </TITLE></head></html>");
        }

        @Test
        void decodesEntitiesForRulesAndEscapesNewTitle() throws IOException {
            assertThat(rewritten("a.html", "<title>tom &amp; jERRY &lt;3</title>"))
                    .isEqualTo("<title>Tom &amp; Jerry &lt;3</title>");
        }

        @Test
        void ignoresTitleInsideComment() throws IOException {
            assertThat(rewritten("a.htm", "<!-- <title>no</title> --><title>yes here</title>"))
                    .isEqualTo("<!-- <title>no</title> --><title>Yes Here</title>");
        }

        @Test
        void findsTitleAfterTextThatChangesLengthWhenLowerCased() throws IOException {
            // U+0130 lowers to two chars: offsets found in a lowered copy would miss the title
            assertThat(rewritten("a.html", "<p>\u0130\u0130\u0130</p><title>old page</title><p>x</p>"))
                    .isEqualTo("<p>\u0130\u0130\u0130</p><title>Old Page</title><p>x</p>");
        }

        @Test
        void takesOnlyAsciiLettersAsTheTitleTagInAnyCase() throws IOException {
            assertThat(rewritten("a.html", "<t\u0131tle>not this</t\u0131tle><TiTlE>this one</tItLe>"))
                    .isEqualTo("<t\u0131tle>not this</t\u0131tle><TiTlE>This One</tItLe>");
        }

        @Test
        void sniffsHtmlInFileWithUnknownExtension() throws IOException {
            assertThat(rewritten("page.php", "<!DOCTYPE html>\n<title>x y</title>"))
                    .isEqualTo("<!DOCTYPE html>\n<title>X Y</title>");
        }
    }

    @Nested
    class PlainText {

        @Test
        void rewritesFirstNonBlankLineKeepingIndentation() throws IOException {
            assertThat(rewritten("a.txt", "\n\n   first LINE here  \nsecond line\n"))
                    .isEqualTo("\n\n   First Line Here  \nsecond line\n");
        }

        @Test
        void treatsFileWithoutExtensionAsText() throws IOException {
            assertThat(rewritten("README", "readme title")).isEqualTo("Readme Title");
        }

        @Test
        void emptyFileIsUnchanged() throws IOException {
            assertThat(retitle("a.txt", "")).isInstanceOf(Unchanged.class);
        }
    }

    @Nested
    class Bytes {

        @Test
        void keepsUtf8ByteOrderMarkAndCrlf() throws IOException {
            byte[] content = ("\uFEFF# héllo wörld\r\nline two\r\n").getBytes(StandardCharsets.UTF_8);
            RetitleResult result = retitle("a.md", content, RuleChain.DEFAULT_SPECS, RetitleSettings.DEFAULT_HEAD_LIMIT);
            assertThat(Files.readAllBytes(((Rewritten) result).staged()))
                    .isEqualTo("\uFEFF# Héllo Wörld\r\nline two\r\n".getBytes(StandardCharsets.UTF_8));
        }

        /** Found by the retitle fuzz target once engine bugs stopped passing for bad files. */
        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"notes.txt", "doc.md", "page.html"})
        void aFileThatEndsInsideACharacterIsRejectedAsBadUtf8(String name) throws IOException {
            byte[] content = {'@', 'P', (byte) 0xDB}; // 0xDB starts a two-byte character the file never finishes
            RetitleResult result = retitle(name, content, RuleChain.DEFAULT_SPECS, 1024);
            assertThat(result).isInstanceOfSatisfying(Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo("not valid UTF-8 (bad byte sequence at offset 2)"));
            assertThat(staging).isEmptyDirectory();
        }

        @Test
        void keepsMissingFinalNewline() throws IOException {
            assertThat(rewritten("a.md", "# a b")).isEqualTo("# A B");
        }

        @Test
        void copiesBodyBeyondTheHeadAsBytes() throws IOException {
            String body = "ünïcödé line\n".repeat(20_000); // about 300 KB, far past a 4 KiB head
            RetitleResult result = retitle("big.md", ("# big file\n" + body).getBytes(StandardCharsets.UTF_8),
                    RuleChain.DEFAULT_SPECS, 4096);
            assertThat(Files.readString(((Rewritten) result).staged())).isEqualTo("# Big File\n" + body);
            assertThat(((Rewritten) result).bytes()).isEqualTo(Files.size(((Rewritten) result).staged()));
        }

        @Test
        void findsNoTitleWhoseLineRunsPastTheHead() throws IOException {
            String line = "x".repeat(5000);
            assertThat(retitle("a.txt", line.getBytes(StandardCharsets.UTF_8), RuleChain.DEFAULT_SPECS, 4096))
                    .isInstanceOf(Unchanged.class);
        }

        @Test
        void rejectsBinaryContentNamingTheOffset() throws IOException {
            assertThat(retitle("a.txt", new byte[] {'h', 'i', 0, 1}, RuleChain.DEFAULT_SPECS, 4096))
                    .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("NUL byte at offset 2"));
        }

        @Test
        void rejectsInvalidUtf8AfterTheHeadAndRemovesTheStagedFile() throws IOException {
            byte[] content = ("# title\n" + "a".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
            content[9000] = (byte) 0xC3;
            content[9001] = (byte) 0x28;
            assertThat(retitle("a.md", content, RuleChain.DEFAULT_SPECS, 4096))
                    .isInstanceOfSatisfying(Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo("not valid UTF-8 (bad byte sequence at offset 9000)"));
            assertThat(staging).isEmptyDirectory();
        }

        @Test
        void rejectsUtf16WithAClearReason() throws IOException {
            assertThat(retitle("a.txt", "\uFEFFtitle".getBytes(StandardCharsets.UTF_16), RuleChain.DEFAULT_SPECS, 4096))
                    .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).startsWith("UTF-16 text"));
        }

        @Test
        void keepsMultibyteCharacterCutByTheHeadLimit() throws IOException {
            String text = "# é title\n" + "é".repeat(3000); // 2-byte chars straddle the 4 KiB boundary
            RetitleResult result = retitle("a.md", text.getBytes(StandardCharsets.UTF_8), RuleChain.DEFAULT_SPECS, 4096);
            assertThat(Files.readString(((Rewritten) result).staged())).isEqualTo("# É Title\n" + "é".repeat(3000));
        }

        @Test
        void unchangedTitleStagesNothing() throws IOException {
            assertThat(retitle("a.md", "# Already Fine\n")).isInstanceOf(Unchanged.class);
            assertThat(staging).isEmptyDirectory();
        }

        @ParameterizedTest(name = "{0}, scanned: {1}")
        @CsvSource({"rw-------, true", "rw-------, false", "rw-r--r--, true", "rw-rw-rw-, true", "rwxrwxr-x, true",
                "r--------, true", "rw-rw-rw-, false"})
        void stagedFileKeepsTheOriginalsPermissionsWhateverTheUmask(String permissions, boolean scanned)
                throws IOException {
            Path file = Files.writeString(inbox.resolve("p.md"), "# secret notes\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "t", RuleChain.defaults(),
                    LocalDate.of(2026, 1, 1), 4096));
            int mode = scanned ? Permissions.mode(PosixFilePermissions.fromString(permissions)) : FileTask.UNKNOWN_MODE;
            Rewritten result = (Rewritten) retitler.retitle(new FileTask(7, file, "p.md", Files.size(file), mode));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(result.staged())))
                    .isEqualTo(permissions);
        }

        @Test
        void vanishedFileIsRejectedWithReason() throws IOException {
            Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "t", RuleChain.defaults(),
                    LocalDate.of(2026, 1, 1), 4096));
            assertThat(retitler.retitle(new FileTask(1, inbox.resolve("gone.md"), "gone.md", 0)))
                    .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("vanished"));
        }
    }

    @Test
    void acrossFileSystemsEveryFileIsStagedAsAVerifiedCopy() throws IOException {
        Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "t", RuleChain.defaults(),
                LocalDate.of(2026, 1, 1), 4096, true));
        Path unchanged = Files.writeString(inbox.resolve("fine.md"), "# Already Fine\n\nbody\n");
        Path untitled = Files.writeString(inbox.resolve("none.md"), "no heading\n");
        Path entity = Files.writeString(inbox.resolve("page.html"), "<title>Caf&#233; &#169; Menu</title>\n");
        Path changed = Files.writeString(inbox.resolve("new.md"), "# new  title\n");
        for (Path file : List.of(unchanged, untitled, entity, changed)) {
            RetitleResult result = retitler.retitle(new FileTask(file.hashCode() & 0xffff, file,
                    file.getFileName().toString(), Files.size(file)));
            assertThat(result).isInstanceOfSatisfying(Rewritten.class, rewritten -> assertThat(rewritten.staged())
                    .hasContent(file == changed ? "# New Title\n" : readString(file)));
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFileOutsideTheInboxIsRefusedUnread() throws IOException {
        Path elsewhere = Files.writeString(root.resolve("elsewhere.md"), "# not mine\n");
        Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "t", RuleChain.defaults(),
                LocalDate.of(2026, 1, 1), 4096));
        assertThat(retitler.retitle(new FileTask(1, elsewhere, "elsewhere.md", 11)))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).startsWith(Confinement.REFUSED));
        assertThat(retitler.retitle(new FileTask(2, inbox.resolve("../elsewhere.md"), "elsewhere.md", 11)))
                .isInstanceOf(Rejected.class);
        assertThat(staging).isEmptyDirectory();
    }

    @Test
    void previewShowsOldAndNewTitleWithoutWritingAnything() throws IOException {
        Path file = Files.writeString(inbox.resolve("a.md"), "# some title\n");
        Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "t", RuleChain.defaults(),
                LocalDate.of(2026, 1, 1), 4096));
        TitlePreview preview = retitler.preview(new FileTask(1, file, "a.md", 13));
        assertThat(preview.oldTitle()).isEqualTo("some title");
        assertThat(preview.newTitle()).isEqualTo("Some Title");
        assertThat(preview.changes()).isTrue();
        assertThat(staging).isEmptyDirectory();
        assertThat(file).hasContent("# some title\n");
    }

    @Test
    void anEngineBugLeavesTheFileUntouchedAndSaysItIsFilemillsFault() throws IOException {
        Path file = Files.writeString(inbox.resolve("doc.md"), "# a title\n");
        TitleFormat broken = new TitleFormat() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public boolean handlesExtension(String extension) {
                return true;
            }

            @Override
            public Optional<TitleLocation> locate(String head, boolean complete, Deadline deadline) {
                throw new NullPointerException("a bug");
            }
        };
        Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "t", RuleChain.parse(RuleChain.DEFAULT_SPECS),
                LocalDate.of(2026, 11, 23), RetitleSettings.DEFAULT_HEAD_LIMIT), TitleFormats.of(List.of(broken)));

        assertThatThrownBy(() -> retitler.retitle(new FileTask(1, file, "doc.md", 10)))
                .isInstanceOf(EngineBugException.class)
                .hasMessageStartingWith("filemill bug: while handling doc.md: java.lang.NullPointerException: a bug");
        assertThat(file).hasContent("# a title\n");
        assertThat(staging).isEmptyDirectory();
    }

    @Nested
    class Deadlines {

        private RetitleResult retitleWithin(java.time.Duration timeout, String name, String content, List<String> rules)
                throws IOException {
            Path file = Files.writeString(inbox.resolve(name), content);
            Retitler retitler = new Retitler(new RetitleSettings(inbox, staging, "t", RuleChain.parse(rules),
                    LocalDate.of(2026, 11, 23), RetitleSettings.DEFAULT_HEAD_LIMIT, false, timeout));
            return retitler.retitle(new FileTask(ids.incrementAndGet(), file, name, content.length()));
        }

        @Test
        void aRuleThatBacktracksForEverEndsAtTheFileTimeoutAndRejectsTheFileSayingSo() throws IOException {
            // with the back reference the engine cannot remember failed positions: it tries every way to split
            // the run of a's, 2^40 of them
            RetitleResult result = retitleWithin(java.time.Duration.ofMillis(300), "slow.md",
                    "# " + "a".repeat(40) + "c\n", List.of("replace:^(a+)+\\1b=>x"));
            assertThat(result).isInstanceOf(Rejected.class);
            assertThat(((Rejected) result).reason()).startsWith("took longer than the file timeout of 300ms");
            assertThat(staging).isEmptyDirectory();
        }

        @Test
        void aStoppingRunLeavesTheFileToTheInboxInsteadOfRejectingIt() throws IOException {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> retitleWithin(java.time.Duration.ofSeconds(30),
                        "doc.md", "# a title\n" + "text\n".repeat(100_000), RuleChain.DEFAULT_SPECS))
                        .isInstanceOfAny(java.util.concurrent.CancellationException.class, UncheckedIOException.class);
            } finally {
                Thread.interrupted();
            }
            assertThat(staging).isEmptyDirectory();
        }
    }
}
