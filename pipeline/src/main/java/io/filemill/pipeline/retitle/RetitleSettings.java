package io.filemill.pipeline.retitle;

import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.title.TitleFormats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything the retitle stage needs to know.
 *
 * @param inbox        the inbox: every file the stage reads must lie inside it
 * @param stagingDir   where rewritten content is staged (the processed directory, so that publishing
 *                     is a link or rename on one file system)
 * @param stagingTag   unique per run; part of every staged file's name (letters, digits, {@code -})
 * @param rules        the title rule chain
 * @param runDate      the date for {@code {date}} in rules
 * @param headLimit    how many bytes at the start of a file may hold the title
 * @param crossDevice  processed/ is on another file system than the inbox: every file, unchanged
 *                     ones too, is staged as a copy in processed/, and each staged copy is read back
 *                     and checked against what was written before it is handed on
 * @param fileTimeout  how long retitling one file may take; a file past it is rejected with a
 *                     reason that says so (checked cooperatively in the engine's loops)
 */
public record RetitleSettings(Path inbox, Path stagingDir, String stagingTag, RuleChain rules, LocalDate runDate, int headLimit,
                              boolean crossDevice, Duration fileTimeout) {

    /** Default file timeout: far more than any file takes, short enough not to stall a run. */
    public static final Duration DEFAULT_FILE_TIMEOUT = Duration.ofSeconds(30);

    /** Default head size: a title must end within the first MiB of a file. */
    public static final int DEFAULT_HEAD_LIMIT = 1 << 20;

    public RetitleSettings {
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(stagingDir, "stagingDir");
        Objects.requireNonNull(stagingTag, "stagingTag");
        if (!stagingTag.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("stagingTag must be letters, digits and '-': " + stagingTag);
        }
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(runDate, "runDate");
        if (headLimit < 1024) {
            throw new IllegalArgumentException("headLimit must be at least 1024 bytes: " + headLimit);
        }
        Objects.requireNonNull(fileTimeout, "fileTimeout");
        if (fileTimeout.isNegative() || fileTimeout.isZero()) {
            throw new IllegalArgumentException("fileTimeout must be positive: " + fileTimeout);
        }
    }

    /** Settings with the default file timeout. */
    public RetitleSettings(Path inbox, Path stagingDir, String stagingTag, RuleChain rules, LocalDate runDate,
                           int headLimit, boolean crossDevice) {
        this(inbox, stagingDir, stagingTag, rules, runDate, headLimit, crossDevice, DEFAULT_FILE_TIMEOUT);
    }

    /** Settings for processed/ on the inbox's file system. */
    public RetitleSettings(Path inbox, Path stagingDir, String stagingTag, RuleChain rules, LocalDate runDate,
                           int headLimit) {
        this(inbox, stagingDir, stagingTag, rules, runDate, headLimit, false);
    }

    /** The formats are fixed for now; one instance serves all threads. */
    TitleFormats formats() {
        return FORMATS;
    }

    private static final TitleFormats FORMATS = TitleFormats.standard();
}
