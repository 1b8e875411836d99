package io.filemill.app.cli;

import io.filemill.app.config.ConfigurationProblem;
import io.filemill.app.corpus.CorpusGenerator;
import io.filemill.app.corpus.CorpusProfile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code filemill generate}: writes a deterministic corpus for benchmarks; needs no Spring. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a deterministic corpus of Markdown, HTML and text files for benchmarks.")
final class GenerateCommand implements Callable<Integer> {

    private final FilemillCli.CommandContext context;

    @Mixin(name = LoggingOptions.MIXIN)
    LoggingOptions logging;

    @Option(names = "--files", paramLabel = "N", defaultValue = "20000", description = "How many files (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--profile", paramLabel = "small|mixed|large", defaultValue = "small",
            description = "File sizes: small (200 B-2 KiB), mixed (small plus 1%% of 1 MiB), large (64 KiB-1 MiB); default ${DEFAULT-VALUE}.")
    CorpusProfile profile;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write into (created).")
    Path out;

    GenerateCommand(FilemillCli.CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (files < 0) {
            throw new ConfigurationProblem("--files must be 0 or more, not " + files);
        }
        long bytes = new CorpusGenerator(seed).generate(out, files, profile);
        context.out().printf(Locale.ROOT, "wrote %d files, %,d bytes, to %s%n", files, bytes, out.toAbsolutePath());
        return ExitCodes.OK;
    }
}
