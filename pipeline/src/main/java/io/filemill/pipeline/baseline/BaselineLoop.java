package io.filemill.pipeline.baseline;

import io.filemill.pipeline.measure.ProcessUsage;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.rule.TitleContext;
import io.filemill.pipeline.title.TitleFormat;
import io.filemill.pipeline.title.TitleFormats;
import io.filemill.pipeline.title.TitleLocation;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * The yardstick for {@code filemill compare}: the same title rewrite done by the plainest loop the
 * JDK allows, one file after another on one thread, with no pipeline, no framework, no job
 * repository and no journal. Per file it reads the whole file, rewrites the title with the same
 * title engine and default rules, writes a temporary file, renames it into processed/ and deletes
 * the original. With {@code --force} it also forces the file, processed/ and the inbox after each
 * file: the naive way to be durable, which shows what forcing costs on this disk. Files that are
 * not UTF-8 text are left in the inbox. Prints its measurements as {@code key=value} lines.
 *
 * <p>Usage: {@code java -cp PIPELINE_JAR io.filemill.pipeline.baseline.BaselineLoop INBOX PROCESSED [--force]}
 */
public final class BaselineLoop {

    private final Path inbox;
    private final Path processed;
    private final boolean force;
    private final TitleFormats formats = TitleFormats.standard();
    private final RuleChain rules = RuleChain.defaults();
    private final LocalDate today = LocalDate.now();

    BaselineLoop(Path inbox, Path processed, boolean force) {
        this.inbox = inbox;
        this.processed = processed;
        this.force = force;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--force"))) {
            System.err.println("usage: BaselineLoop INBOX PROCESSED [--force]");
            System.exit(2);
        }
        Files.createDirectories(Path.of(args[1]));
        Result result = new BaselineLoop(Path.of(args[0]), Path.of(args[1]), args.length == 3).run();
        result.print(System.out);
    }

    /** Processes every regular, non-hidden file at the top of the inbox once. */
    Result run() throws IOException {
        long started = System.nanoTime();
        long[] latencies = new long[1024];
        int files = 0;
        long bytes = 0;
        int left = 0;
        Instant firstDelivered = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox)) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long fileStarted = System.nanoTime();
                byte[] output = retitle(name, Files.readAllBytes(file));
                if (output == null) {
                    left++;
                    continue;
                }
                deliver(file, name, output);
                if (firstDelivered == null) {
                    firstDelivered = Instant.now();
                }
                if (files == latencies.length) {
                    latencies = Arrays.copyOf(latencies, files * 2);
                }
                latencies[files++] = System.nanoTime() - fileStarted;
                bytes += output.length;
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new Result(files, left, bytes, wall, firstDelivered, Arrays.copyOf(latencies, files));
    }

    /** The file with its title rewritten, the same bytes when it has none, or null when it is not text. */
    private byte[] retitle(String name, byte[] content) {
        String decoded = new String(content, StandardCharsets.UTF_8);
        if (decoded.indexOf('\uFFFD') >= 0 || decoded.indexOf('\0') >= 0) {
            return null;
        }
        String bom = decoded.startsWith("\uFEFF") ? "\uFEFF" : "";
        String text = decoded.substring(bom.length());
        TitleFormat format = formats.forFile(name, text);
        Optional<TitleLocation> location = format.locate(text, true);
        if (location.isEmpty()) {
            return content;
        }
        TitleLocation title = location.get();
        String newTitle = rules.apply(title.title(), new TitleContext(name, today));
        return (bom + text.substring(0, title.start()) + title.encoder().apply(newTitle) + text.substring(title.end()))
                .getBytes(StandardCharsets.UTF_8);
    }

    private void deliver(Path file, String name, byte[] output) throws IOException {
        Path temp = processed.resolve("." + name + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(output));
            if (force) {
                channel.force(true);
            }
        }
        Files.move(temp, processed.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        if (force) {
            forceDirectory(processed);
        }
        Files.delete(file);
        if (force) {
            forceDirectory(inbox);
        }
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** What one baseline run did and used. */
    record Result(int files, int left, long bytes, Duration wall, Instant firstDelivered, long[] latencyNanos) {

        void print(PrintStream out) {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            ProcessUsage usage = ProcessUsage.self();
            Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
            out.println("files=" + files);
            out.println("left=" + left);
            out.println("bytes=" + bytes);
            out.println("loopSeconds=" + wall.toNanos() / 1e9);
            out.println("firstDeliveredEpochMillis=" + (firstDelivered == null ? -1 : firstDelivered.toEpochMilli()));
            out.println("firstDeliveredMillis=" + (firstDelivered == null ? -1
                    : Duration.between(jvmStart, firstDelivered).toMillis()));
            out.println("latencyP50Millis=" + percentile(sorted, 0.50) / 1e6);
            out.println("latencyP95Millis=" + percentile(sorted, 0.95) / 1e6);
            out.println("latencyP99Millis=" + percentile(sorted, 0.99) / 1e6);
            out.println("cpuSeconds=" + usage.cpu().toNanos() / 1e9);
            out.println("peakRssBytes=" + usage.peakRssBytes());
            out.println("peakHeapBytes=" + ProcessUsage.peakHeapBytes());
        }

        private static long percentile(long[] sorted, double fraction) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
        }
    }
}
