package io.filemill.pipeline.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadTests {

    @TempDir
    Path dir;

    @Test
    void readsEachHintedFileUpToItsSizeOrTheLimitOnSeveralThreadsAtOnce() throws Exception {
        List<String> reads = new CopyOnWriteArrayList<>();
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        ConcurrentHashMap<String, Boolean> threads = new ConcurrentHashMap<>();
        try (ReadAhead ahead = new ReadAhead(3, 100, (file, bytes) -> {
            threads.put(Thread.currentThread().getName() + Thread.currentThread().getId(), true);
            threeAtOnce.countDown();
            await(threeAtOnce);
            reads.add(file.getFileName() + ":" + bytes);
        })) {
            ahead.hint(dir.resolve("a"), 10);
            ahead.hint(dir.resolve("b"), 1000);
            ahead.hint(dir.resolve("c"), 100);
            ahead.hint(dir.resolve("empty"), 0); // nothing to read
            assertThat(threeAtOnce.await(10, TimeUnit.SECONDS)).isTrue();
            waitFor(() -> reads.size() == 3);
        }
        assertThat(reads).containsExactlyInAnyOrder("a:10", "b:100", "c:100");
        assertThat(threads).hasSize(3);
    }

    @Test
    void aHintNeverWaitsForBusyReadersAndTheOldestWaitingHintsAreDropped() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> reads = new CopyOnWriteArrayList<>();
        try (ReadAhead ahead = new ReadAhead(1, 10, (file, bytes) -> {
            stuck.countDown();
            await(release); // a disk that does not answer
            reads.add(file.getFileName().toString());
        })) {
            ahead.hint(dir.resolve("first"), 1);
            assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            for (int i = 0; i < ReadAhead.QUEUE + 100; i++) {
                ahead.hint(dir.resolve("file-" + i), 1);
            }
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
            release.countDown();
            waitFor(() -> reads.size() == 1 + ReadAhead.QUEUE);
            assertThat(reads).first().isEqualTo("first");
            assertThat(reads).doesNotContain("file-0", "file-99").contains("file-100", "file-" + (ReadAhead.QUEUE + 99));
        }
    }

    @Test
    void theReaderReadsAFileUpToTheLimitOrItsEndAndNothingOfWhatItCannotRead() throws IOException {
        Path file = Files.write(dir.resolve("doc.md"), new byte[200_000]);
        ReadAhead.PageCacheReader reader = new ReadAhead.PageCacheReader();
        assertThat(reader.readCounting(file, 150_000)).isEqualTo(150_000); // several buffers' worth
        assertThat(reader.readCounting(file, 1 << 20)).isEqualTo(200_000); // shorter than the limit
        assertThat(reader.readCounting(dir.resolve("gone.md"), 10)).isZero(); // vanished: its worker says so
        assertThat(reader.readCounting(dir, 10)).isZero(); // not a file
        assertThat(Files.size(file)).isEqualTo(200_000);
    }

    @Test
    void noReadAheadStartsNoThread() {
        assertThat(ReadAhead.of(0, 100)).isSameAs(ReadAhead.NONE);
        ReadAhead.NONE.hint(dir.resolve("x"), 10);
        ReadAhead.NONE.close();
    }

    @Test
    void closingEndsTheReadersAndLaterHintsAreIgnored() throws Exception {
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        ReadAhead ahead = new ReadAhead(1, 10, (file, bytes) -> {
            reading.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        });
        ahead.hint(dir.resolve("slow"), 1);
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        ahead.close();
        waitFor(() -> interrupted.get() == 1);
        ahead.hint(dir.resolve("late"), 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
