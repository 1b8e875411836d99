package io.filemill.pipeline.baseline;

import io.filemill.pipeline.measure.ProcessUsage;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.rule.TitleContext;
import io.filemill.pipeline.title.TitleFormat;
import io.filemill.pipeline.title.TitleFormats;
import io.filemill.pipeline.title.TitleLocation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The yardstick for {@code filemill compare}: the same title rewrite done by the program a user would
 * write with the JDK alone: list the inbox, and on a fixed pool of threads (as many as filemill's
 * workers) read each whole file, rewrite its title with the same title engine and default rules,
 * write a temporary file in processed/, rename it to its name and delete the original. No pipeline,
 * no framework, no job repository, no journal. With {@code --force} it also forces the file,
 * processed/ and the inbox after each file: the naive way to be durable, which shows what forcing
 * costs on this disk. Files that are not UTF-8 text are left in the inbox. Prints its measurements
 * as {@code key=value} lines.
 *
 * <p>Usage: {@code java -cp PIPELINE_JAR io.filemill.pipeline.baseline.BaselineLoop INBOX PROCESSED
 * [--threads N] [--force]}
 */
public final class BaselineLoop {

    private static final String USAGE = "usage: BaselineLoop INBOX PROCESSED [--threads N] [--force]";

    private final Path inbox;
    private final Path processed;
    private final int threads;
    private final boolean force;
    private final TitleFormats formats = TitleFormats.standard();
    private final RuleChain rules = RuleChain.defaults();
    private final LocalDate today = LocalDate.now();

    BaselineLoop(Path inbox, Path processed, int threads, boolean force) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.inbox = inbox;
        this.processed = processed;
        this.threads = threads;
        this.force = force;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int threads = 1;
        boolean force = false;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--force" -> force = true;
                case "--threads" -> threads = i + 1 < args.length && args[i + 1].matches("[1-9]\\d{0,3}")
                        ? Integer.parseInt(args[++i]) : usage();
                default -> paths.add(args[i]);
            }
        }
        if (paths.size() != 2) {
            usage();
        }
        Files.createDirectories(Path.of(paths.get(1)));
        Result result = new BaselineLoop(Path.of(paths.get(0)), Path.of(paths.get(1)), threads, force).run();
        result.print(System.out);
    }

    private static int usage() {
        System.err.println(USAGE);
        System.exit(2);
        return 0;
    }

    /** Processes every regular, non-hidden file at the top of the inbox once. */
    Result run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox)) {
            for (Path file : entries) {
                if (!file.getFileName().toString().startsWith(".") && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(file);
                }
            }
        }
        long[] latencies = new long[files.size()];
        long[] written = new long[files.size()];
        AtomicReference<Instant> firstDelivered = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>(files.size());
        try {
            for (int i = 0; i < files.size(); i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    long fileStarted = System.nanoTime();
                    written[index] = process(files.get(index));
                    if (written[index] >= 0) {
                        firstDelivered.compareAndSet(null, Instant.now());
                        latencies[index] = System.nanoTime() - fileStarted;
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int delivered = 0;
        long bytes = 0;
        long[] deliveredLatencies = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            if (written[i] >= 0) {
                deliveredLatencies[delivered++] = latencies[i];
                bytes += written[i];
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new Result(delivered, files.size() - delivered, bytes, wall, firstDelivered.get(),
                Arrays.copyOf(deliveredLatencies, delivered));
    }

    /** Delivers one file; returns the bytes written, or -1 when it is not text and stays in the inbox. */
    private long process(Path file) {
        try {
            String name = file.getFileName().toString();
            byte[] output = retitle(name, Files.readAllBytes(file));
            if (output == null) {
                return -1;
            }
            deliver(file, name, output);
            return output.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            ByteBuffer buffer = ByteBuffer.wrap(output);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
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
