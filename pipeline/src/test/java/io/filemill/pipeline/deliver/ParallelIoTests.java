package io.filemill.pipeline.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelIoTests {

    private final ParallelIo io = new ParallelIo(4, "test-io");

    @AfterEach
    void close() {
        io.close();
    }

    @Test
    void runsEveryItemOnceAndReturnsTheFailuresByItem() throws IOException {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        List<IOException> failures = io.each(items, item -> {
            ran.add(item);
            if (item % 7 == 0) {
                throw new IOException("item " + item);
            }
        });
        assertThat(ran).containsExactlyInAnyOrderElementsOf(items);
        assertThat(failures).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (i % 7 == 0) {
                assertThat(failures.get(i)).hasMessage("item " + i);
            } else {
                assertThat(failures.get(i)).isNull();
            }
        }
    }

    @Test
    void runsCallsSideBySideButNeverMoreThanItsThreads() throws IOException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch fourAtOnce = new CountDownLatch(4);
        io.each(IntStream.range(0, 200).boxed().toList(), item -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            fourAtOnce.countDown();
            try {
                fourAtOnce.await(10, TimeUnit.SECONDS); // the first four wait for each other
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            running.decrementAndGet();
        });
        assertThat(fourAtOnce.getCount()).isZero();
        assertThat(most.get()).isEqualTo(4);
    }

    @Test
    void anEmptyBatchAndOneItemNeedNoOtherThread() throws IOException {
        assertThat(io.each(List.of(), item -> {
            throw new AssertionError("nothing to run");
        })).isEmpty();
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        io.each(List.of("one"), item -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(caller);
    }

    @Test
    void anUncheckedFailureEndsTheBatchAndIsRethrownOnceTheCallsEnded() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger runningAtEnd = new AtomicInteger(-1);
        assertThatThrownBy(() -> {
            try {
                io.each(IntStream.range(0, 10_000).boxed().toList(), item -> {
                    running.incrementAndGet();
                    ran.add(item);
                    try {
                        if (item == 10) {
                            throw new IllegalStateException("a bug");
                        }
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } finally {
                runningAtEnd.set(running.get());
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
        assertThat(runningAtEnd.get()).isZero();
        assertThat(ran).hasSizeLessThan(10_000);
    }

    @Test
    void anInterruptedCallerGetsAnInterruptedIOExceptionAndTheCallsUnderWayAreInterrupted() throws Exception {
        CountDownLatch allBusy = new CountDownLatch(4);
        AtomicInteger interruptedCalls = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread batch = new Thread(() -> {
            try {
                io.each(List.of(0, 1, 2, 3), item -> { // four calls that wait for the disk forever
                    allBusy.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interruptedCalls.incrementAndGet();
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException();
                    }
                });
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        batch.start();
        assertThat(allBusy.await(10, TimeUnit.SECONDS)).isTrue();
        batch.interrupt();
        batch.join(10_000);
        assertThat(batch.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (interruptedCalls.get() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(interruptedCalls.get()).isEqualTo(4);
    }
}
