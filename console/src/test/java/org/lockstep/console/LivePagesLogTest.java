package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The drill log's settled incidents reach an office page when it opens and again only when they change, each time
 * just before the picture (whose order may name an incident only that log has); a responder page never gets them. The
 * real pusher and writers. Checked against the guards: with the version check removed every push resends the log and
 * the counts fail; with the log offered after the picture the order check fails; offered to responder pages, the last
 * test fails.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LivePagesLogTest {
    private static final long DEADLINE_MS = 10_000;

    private final AtomicLong picture = new AtomicLong();
    private final AtomicLong logVersion = new AtomicLong(1);
    private final LivePages live = new LivePages(() -> "picture " + picture.get(), Optional.of(
            new LivePages.SettledLog(logVersion::get, () -> "log " + logVersion.get())), () -> {}, link -> true);

    /** Everything a page was sent, in order: "state:..." and "log:...". */
    static final class Recording implements PageSink {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(String p) {
            sent.add("state:" + p);
        }

        @Override
        public void sendLog(String log) {
            sent.add("log:" + log);
        }

        @Override
        public boolean gone() {
            return false;
        }

        @Override
        public void close() {}

        List<String> logs() {
            return sent.stream().filter(s -> s.startsWith("log:")).toList();
        }
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void a_page_gets_the_log_when_it_opens_and_again_only_when_it_changed_each_time_before_the_picture()
            throws Exception {
        live.start();
        Recording page = new Recording();
        live.openPage(page).orElseThrow();
        for (int i = 1; i <= 5; i++) {
            push(page, i);
        }
        assertEquals(List.of("log:log 1"), page.logs(), "once, at open: the five pushes after it did not resend it");
        assertEquals("log:log 1", page.sent.get(0));

        logVersion.set(2);
        push(page, 6);
        assertEquals(List.of("log:log 1", "log:log 2"), page.logs());
        int at = page.sent.indexOf("log:log 2");
        assertEquals("state:picture 6", page.sent.get(at + 1), "the new log just before the picture that needs it");
        push(page, 7);
        assertEquals(2, page.logs().size());
    }

    @Test
    void a_responder_page_never_gets_the_drill_log() throws Exception {
        live.start();
        Recording responder = new Recording();
        live.openResponderPage(responder, new ResponderLinks.Link("sro", java.time.Instant.EPOCH, new byte[32])).orElseThrow();
        logVersion.set(2);
        push(responder, 1);
        assertEquals(List.of(), responder.logs());
    }

    private void push(Recording page, long n) throws InterruptedException {
        picture.set(n);
        live.changed();
        await(() -> page.sent.contains("state:picture " + n), "the page got picture " + n + ": " + page.sent);
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
