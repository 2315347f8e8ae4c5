package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pusher's pace ({@link LivePages}): however fast the changes come (a lockdown's 64 statuses, a flapping door, a
 * flood of retained messages), the pages get at most one picture per {@link LivePages#PUSH_GAP_MS}, each picture the
 * newest. Counted, not timed: the bound only gets looser when the box is slow (a late pusher pushes less), so a loaded
 * CI machine cannot fail it. Checked against the guard: without the gap the pusher takes a picture for every change it
 * sees, thousands in this test's half second, and the test fails.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LivePagesPacingTest {
    private static final long FLOOD_MS = 500;

    private final AtomicInteger pictures = new AtomicInteger();
    private final LivePages live = new LivePages(() -> "picture " + pictures.incrementAndGet(), () -> {},
            link -> true);

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void a_flood_of_changes_is_pushed_at_most_once_per_gap() {
        live.start();
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(FLOOD_MS);
        int changes = 0;
        while (System.nanoTime() < end) {
            live.changed();
            changes++;
            LockSupport.parkNanos(20_000); // a change every ~20 µs: far faster than any gap
        }
        int taken = pictures.get();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // One push may start the window and one may be in flight at its end; the heartbeat adds none (changes never stop).
        long most = elapsedMs / LivePages.PUSH_GAP_MS + 2;
        assertTrue(taken <= most, taken + " pictures for " + changes + " changes in " + elapsedMs + " ms: at most "
                + most + " (one per " + LivePages.PUSH_GAP_MS + " ms)");
        assertTrue(taken >= 1, "the flood was pushed at all");
    }
}
