package io.filemill.app.watch;

import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanListener;
import io.filemill.pipeline.scan.ScanSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether an inbox holds a file a run would take now: the scan a run makes, stopped at the first
 * ready file. A look that finds none records no run.
 */
final class ReadyFiles {

    private final InboxScanner scanner;

    ReadyFiles(InboxScanner scanner) {
        this.scanner = scanner;
    }

    boolean any() throws IOException, InterruptedException {
        AtomicBoolean found = new AtomicBoolean();
        scanner.scan(task -> found.set(true), ScanListener.NONE, found::get);
        return found.get();
    }

    static ReadyFiles in(Path inbox, ScanSettings settings) {
        return new ReadyFiles(new InboxScanner(inbox, settings));
    }
}
