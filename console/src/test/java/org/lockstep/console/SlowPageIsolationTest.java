package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A page that stops reading holds up only itself: the real pusher ({@link LivePages}) and real writers
 * ({@link PageWriter}), one page's sink blocked in a send for good. Checked against the guard: with the pusher writing
 * to every sink in turn instead of offering to each page's writer, every test here fails (the pusher, or the test
 * thread opening the page, is stuck in the blocked send; the class's timeout ends it).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowPageIsolationTest {
    private static final long DEADLINE_MS = 10_000;
    private static final int CHANGES = 50;

    private final AtomicLong version = new AtomicLong();
    private final LivePages live = new LivePages(() -> "picture " + version.get(), () -> {}, link -> true);

    /** A page on Wi-Fi that stopped reading: its first send never returns unless its writer is interrupted. */
    static final class StalledSink implements PageSink {
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch reading = new CountDownLatch(1);
        final AtomicInteger sends = new AtomicInteger();
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override
        public void send(String picture) throws IOException {
            if (sends.incrementAndGet() == 1) {
                blocked.countDown();
                try {
                    reading.await(); // close() does not end it: a blocked socket write ignores a close from aside
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted while blocked");
                }
            }
            received.add(picture);
        }

        @Override
        public void sendLog(String log) {
            throw new AssertionError("no drill log is pushed by this test's pages");
        }

        @Override
        public boolean gone() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A page that reads everything at once. */
    static final class ReadingSink implements PageSink {
        volatile String last = "";

        @Override
        public void send(String picture) {
            last = picture;
        }

        @Override
        public void sendLog(String log) {
            throw new AssertionError("no drill log is pushed by this test's pages");
        }

        @Override
        public boolean gone() {
            return false;
        }

        @Override
        public void close() {}
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void a_page_that_stops_reading_does_not_hold_up_another_page_and_holds_at_most_one_picture() throws Exception {
        TwoPages pages = aStalledPageAndAReadingPage();
        StalledSink stalled = pages.stalled();
        PageWriter slow = pages.slow();

        for (int i = 1; i <= CHANGES; i++) {
            changeAndAwaitTheReader(pages.reader(), i);
            assertTrue(slow.pending() <= 1, "the blocked page holds at most one picture, not a queue: "
                    + slow.pending());
        }
        assertEquals(1, stalled.sends.get(), "the blocked page's writer is still in its first send");
        assertTrue(slow.running(), "and its thread is still there");
    }

    @Test
    void a_page_that_reads_again_gets_the_newest_picture_not_the_backlog() throws Exception {
        TwoPages pages = aStalledPageAndAReadingPage();
        StalledSink stalled = pages.stalled();
        for (int i = 1; i <= CHANGES; i++) {
            changeAndAwaitTheReader(pages.reader(), i);
        }

        stalled.reading.countDown();

        assertEquals("picture 0", stalled.received.poll(DEADLINE_MS, TimeUnit.MILLISECONDS), "the send that blocked");
        assertEquals("picture " + CHANGES, stalled.received.poll(DEADLINE_MS, TimeUnit.MILLISECONDS),
                "next, the newest picture: the " + (CHANGES - 1) + " in between were dropped, not queued");
    }

    @Test
    void closing_a_blocked_page_frees_its_thread_and_its_place() throws Exception {
        live.start();
        StalledSink stalled = new StalledSink();
        PageWriter slow = live.openPage(stalled).orElseThrow();
        live.openPage(new ReadingSink()).orElseThrow();
        assertTrue(stalled.blocked.await(DEADLINE_MS, TimeUnit.MILLISECONDS), "the slow page's first send blocks");
        assertEquals(2, live.pages());

        slow.close();

        await(() -> !slow.running(), "the blocked page's writer thread ended");
        await(() -> live.pages() == 1, "the blocked page no longer counts against the limit");
        assertTrue(stalled.closed, "its stream was closed");
    }

    /** A page whose first send blocks for good (its writer is stuck in it), then a page that reads everything. */
    private record TwoPages(StalledSink stalled, PageWriter slow, ReadingSink reader) {}

    private TwoPages aStalledPageAndAReadingPage() throws InterruptedException {
        live.start();
        StalledSink stalled = new StalledSink();
        PageWriter slow = live.openPage(stalled).orElseThrow();
        assertTrue(stalled.blocked.await(DEADLINE_MS, TimeUnit.MILLISECONDS), "the slow page's first send blocks");
        ReadingSink reader = new ReadingSink();
        live.openPage(reader).orElseThrow();
        return new TwoPages(stalled, slow, reader);
    }

    /** Change {@code i} of the picture, pushed; waits until the reading page has it. */
    private void changeAndAwaitTheReader(ReadingSink reader, int i) throws InterruptedException {
        version.set(i);
        live.changed();
        String want = "picture " + i;
        await(() -> reader.last.equals(want), "the reading page got " + want + " (it has " + reader.last + ")");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE_MS + " ms: " + what);
            }
            Thread.sleep(5); // polling a condition with a deadline, not a wait for a result
        }
    }
}
