package org.lockstep.controller.systemd;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.tinylog.Logger;

/**
 * Feeds systemd's watchdog ({@code WATCHDOG=1}) only while the event loop turns: every half interval it looks at the
 * loop's turn count and pings if it moved since the last look. A loop stuck in a handler (a disk that never returns,
 * a livelock) stops the pings, and systemd kills and restarts the process after {@code WatchdogSec}; the restart
 * re-asserts the relays from the journal. Runs on its own thread, never on the loop's.
 */
public final class LoopWatchdog implements AutoCloseable {
    /** The shortest WatchdogSec it accepts: half of it (one look) is well above the loop's 250 ms idle wait. */
    public static final long MIN_WATCHDOG_MS = 1_000;

    private final LongSupplier turns;
    private final SdNotify notify;
    private final long tickMs;
    private final ScheduledExecutorService ticker;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong withheld = new AtomicLong();
    private long lastTurns = -1;
    private boolean stuck;

    /**
     * @param turns the loop's turn counter (it moves at least every {@code LoopThread.MAX_WAIT_MS} while alive)
     * @param watchdogMs systemd's {@code WatchdogSec}, from {@link SdNotify#watchdogMs}
     */
    public LoopWatchdog(LongSupplier turns, SdNotify notify, long watchdogMs) {
        this.turns = Objects.requireNonNull(turns, "turns");
        this.notify = Objects.requireNonNull(notify, "notify");
        // Each look (every watchdogMs / 2) must outlast the idle loop's longest wait (LoopThread.MAX_WAIT_MS, 250 ms),
        // or a healthy, idle loop would be taken for a stuck one.
        if (watchdogMs < MIN_WATCHDOG_MS || watchdogMs > 3_600_000) {
            throw new IllegalArgumentException("watchdogMs must be " + MIN_WATCHDOG_MS + "..3600000, was " + watchdogMs);
        }
        this.tickMs = watchdogMs / 2;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lockstep-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    public LoopWatchdog start() {
        ticker.scheduleAtFixedRate(this::tick, 0, tickMs, TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            long now = turns.getAsLong();
            if (now != lastTurns) {
                lastTurns = now;
                if (stuck) {
                    stuck = false;
                    Logger.warn("event loop turning again: watchdog pings resume");
                }
                if (notify.send("WATCHDOG=1")) {
                    sent.incrementAndGet();
                }
            } else {
                withheld.incrementAndGet();
                if (!stuck) {
                    stuck = true;
                    Logger.error("event loop has not turned for {} ms: withholding the watchdog ping, so systemd"
                            + " restarts the controller if it stays stuck", tickMs);
                }
            }
        } catch (RuntimeException e) {
            // A failing tick must not end the ticker (scheduleAtFixedRate stops on a throw) nor fake a ping.
            Logger.error(e, "watchdog tick failed");
        }
    }

    /** Pings sent. */
    public long sent() {
        return sent.get();
    }

    /** Ticks that found the loop where it was and sent nothing. */
    public long withheld() {
        return withheld.get();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
