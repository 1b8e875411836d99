package io.filemill.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar, driven by scripted counters, on a captured terminal. */
class ProgressTests {

    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong retitled = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    private final Progress.Counters counters = new Progress.Counters() {
        @Override
        public long taken() {
            return taken.get();
        }

        @Override
        public long retitled() {
            return retitled.get();
        }

        @Override
        public long done() {
            return done.get();
        }
    };

    /** The frames drawn so far, each without colours; a frame starts with a carriage return. */
    private List<String> frames() {
        String drawn = terminal.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;]*m", "");
        return List.of(drawn.split("\r")).stream().map(frame -> frame.replace("\n", ""))
                .filter(frame -> !frame.isBlank()).toList();
    }

    /**
     * The latest frame that shows every one of {@code containing}. The counters are set one after
     * another while frames are drawn, so a frame may show some of a step's counters and not yet
     * the others: waiting for all of them is what keeps this free of races.
     */
    private String awaitFrame(String... containing) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            List<String> frames = frames();
            for (int i = frames.size() - 1; i >= 0; i--) {
                String frame = frames.get(i);
                if (List.of(containing).stream().allMatch(frame::contains)) {
                    return frame;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no frame with all of " + List.of(containing) + " in " + frames());
    }

    private void advance(long to) {
        taken.set(Math.min(1000, to + 50));
        retitled.set(Math.min(1000, to + 20));
        done.set(to);
    }

    @Test
    void theTotalIsTheCountOfReadyFilesFromTheMomentItIsKnownAndTheLastFrameIsTheSummarys() throws Exception {
        CountDownLatch counted = new CountDownLatch(1);
        Progress progress = Progress.start(counters, () -> {
            counted.await();
            return 1000L;
        }, new PrintStream(terminal, true, StandardCharsets.UTF_8));
        advance(100);

        String counting = awaitFrame("counting the total", "100/?", "retitled     120");
        assertThat(counting).doesNotContain("/1000");

        counted.countDown();
        for (long files = 200; files <= 900; files += 100) {
            advance(files);
            awaitFrame(files + "/1000");
        }
        advance(1000);
        progress.finish(1000, 1234.56);

        List<String> frames = frames();
        List<String> withTotal = frames.stream().filter(frame -> frame.contains("/1000 ")).toList();
        assertThat(withTotal).as("every frame after the count names it").hasSizeGreaterThanOrEqualTo(8)
                .allMatch(frame -> !frame.contains("counting"));
        assertThat(frames.subList(frames.indexOf(withTotal.get(0)), frames.size()))
                .as("the total never changes once known").allMatch(frame -> frame.contains("/1000 "));
        assertThat(frames.get(frames.size() - 1)).contains("100%", "1000/1000", "retitled    1000", "1234.6 files/s");
        assertThat(frames).as("one width for every frame").extracting(frame -> frame.codePointCount(0, frame.length()))
                .containsOnly(Progress.WIDTH);
    }

    @Test
    void everyFrameHasTheFullWidthWhileTheCountersMoveAtEveryFrame() throws Exception {
        AtomicLong reads = new AtomicLong();
        Progress.Counters moving = new Progress.Counters() {
            @Override
            public long taken() {
                return 1000;
            }

            @Override
            public long retitled() {
                return reads.get() * 3;
            }

            @Override
            public long done() {
                return reads.incrementAndGet() * 137 % 1000; // a long step whenever a frame reads it
            }
        };
        try (Progress progress = Progress.start(moving, () -> 1000L,
                new PrintStream(terminal, true, StandardCharsets.UTF_8), java.time.Duration.ofMillis(1))) {
            awaitFrame("/1000 ");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (frames().size() < 2_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        // every frame is drawn from one state of the counters, never from two
        assertThat(frames()).hasSizeGreaterThanOrEqualTo(2_000).extracting(frame -> frame.codePointCount(0, frame.length()))
                .containsOnly(Progress.WIDTH);
    }

    @Test
    void aTotalCountedWhileNoFileMovesShowsAtOnce() throws Exception {
        CountDownLatch counted = new CountDownLatch(1);
        try (Progress progress = Progress.start(counters, () -> {
            counted.await();
            return 1000L;
        }, new PrintStream(terminal, true, StandardCharsets.UTF_8))) {
            advance(100);
            awaitFrame("counting the total");
            counted.countDown(); // a slow file: nothing is done while the count comes in
            assertThat(awaitFrame("100/1000")).doesNotContain("counting");
        }
    }

    @Test
    void theEtaIsWhatIsLeftAtTheSmoothedRateAndNoneWithoutATotalOrARate() {
        assertThat(Progress.eta(1000, 500, 250.0)).contains(java.time.Duration.ofSeconds(2));
        assertThat(Progress.eta(1000, 1000, 250.0)).contains(java.time.Duration.ZERO);
        assertThat(Progress.eta(-1, 500, 250.0)).isEmpty();
        assertThat(Progress.eta(1000, 0, 0.0)).isEmpty();
    }

    @Test
    void filesThatBecameReadyAfterTheCountRaiseTheTotalToWhatWasTaken() throws Exception {
        Progress progress = Progress.start(counters, () -> 10L, new PrintStream(terminal, true, StandardCharsets.UTF_8));
        taken.set(25);
        done.set(5);

        assertThat(awaitFrame("5/25 ")).contains("5/25");
        progress.close();
    }
}
