package io.filemill.app.job;

import io.filemill.app.config.RunSettings;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.retitle.TitlePreview;
import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code run --dry-run}: prints what a run would do to each title. It reads the inbox only: no lock,
 * no job repository, no directory created.
 */
public final class DryRun {

    private DryRun() {
    }

    /** Prints one line per inbox entry and a total. */
    public static void preview(RunSettings settings, PrintStream out) throws IOException, InterruptedException {
        Retitler retitler = new Retitler(new RetitleSettings(settings.inbox(), settings.processed(), "dry-run", settings.rules(),
                LocalDate.now(), settings.headBytes(), false, settings.fileTimeout()));
        AtomicLong files = new AtomicLong();
        AtomicLong changes = new AtomicLong();
        new InboxScanner(settings.inbox(), settings.scan()).scan(task -> {
            files.incrementAndGet();
            TitlePreview preview = retitler.preview(task);
            if (preview.changes()) {
                changes.incrementAndGet();
            }
            out.println(describe(preview));
        }, new ScanListener() {
            @Override
            public void skipped(Path path, String reason) {
                out.println(settings.inbox().relativize(path) + ": skipped: " + reason);
            }

            @Override
            public void deferred(Path path, String reason) {
                out.println(settings.inbox().relativize(path) + ": not ready: " + reason);
            }
        }, () -> false);
        out.printf(Locale.ROOT, "dry run: %d files, %d titles would change; nothing was touched%n", files.get(), changes.get());
    }

    private static String describe(TitlePreview preview) {
        String name = preview.task().relativeName();
        if (preview.problem() != null) {
            return name + ": would fail: " + preview.problem();
        }
        if (preview.oldTitle() == null) {
            return name + ": no title (" + preview.format() + "), delivered unchanged";
        }
        if (!preview.changes()) {
            return name + ": \"" + preview.oldTitle() + "\" stays";
        }
        return name + ": \"" + preview.oldTitle() + "\" -> \"" + preview.newTitle() + "\"";
    }
}
