package io.filemill.app.job;

import io.filemill.app.config.RunSettings;
import io.filemill.app.report.Progress;
import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanListener;
import java.io.IOException;
import java.io.PrintStream;

/** A run's progress display, fed by its recorder, with the ready files counted for its total. */
final class RunProgress {

    private RunProgress() {
    }

    /** Shows the progress of the run {@code recorder} records: a bar on {@code terminal}, or log lines when it is null. */
    static Progress start(RunRecorder recorder, RunSettings settings, PrintStream terminal) {
        return Progress.start(counters(recorder), () -> countReady(settings), terminal);
    }

    private static Progress.Counters counters(RunRecorder recorder) {
        return new Progress.Counters() {
            @Override
            public long taken() {
                return recorder.counts().taken();
            }

            @Override
            public long retitled() {
                return recorder.throughRetitle();
            }

            @Override
            public long done() {
                return recorder.counts().done();
            }
        };
    }

    /** The files a scan would take now, for the progress bar's total; streams, so memory stays flat. */
    private static long countReady(RunSettings settings) throws IOException, InterruptedException {
        long[] ready = {0};
        new InboxScanner(settings.inbox(), settings.scan()).scan(task -> ready[0]++, ScanListener.NONE, () -> false);
        return ready[0];
    }
}
