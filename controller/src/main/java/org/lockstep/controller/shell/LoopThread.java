package org.lockstep.controller.shell;

import java.util.OptionalLong;

import org.lockstep.hal.MonotonicClock;
import org.tinylog.Logger;

/**
 * Runs a {@link ControllerLoop} on its own thread on a real controller: waits on both lanes until the next timer,
 * handles what came (local lane first, a bounded number of network inputs), runs what is due. The loop's state is
 * touched by this thread only.
 */
public final class LoopThread implements AutoCloseable {
    /** Upper bound on one wait, so a stuck timer computation can never park the loop for long. */
    static final long MAX_WAIT_MS = 250;

    private final ControllerLoop loop;
    private final MonotonicClock clock;
    private final Thread thread;
    private volatile boolean running = true;
    /** Completed turns of the loop; the systemd watchdog pings only while this moves. Written by the loop only. */
    private volatile long turns;
    private long loopErrors;
    private long lastLoggedMs = Long.MIN_VALUE / 2;

    public LoopThread(ControllerLoop loop, MonotonicClock clock) {
        this.loop = loop;
        this.clock = clock;
        this.thread = new Thread(this::run, "lockstep-loop-" + loop.controllerId());
    }

    public void start() {
        thread.start();
    }

    /** How many times the loop has gone round: moves at least every {@link #MAX_WAIT_MS} while it is alive. */
    public long turns() {
        return turns;
    }

    private void run() {
        while (running) {
            try {
                OptionalLong wake = loop.nextWakeMs();
                long wait = wake.isPresent() ? Math.max(0, wake.getAsLong() - clock.nowMs()) : MAX_WAIT_MS;
                loop.awaitInput(Math.min(wait, MAX_WAIT_MS));
                loop.processPending();
                loop.runDue();
                turns++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | AssertionError e) {
                // The loop catches a failure per input (a counted fault); this is the last guard, for a bug in the
                // loop's own bookkeeping. Logged at most once a second so a repeating one cannot flood the log.
                loopErrors++;
                long now = clock.nowMs();
                if (now - lastLoggedMs >= 1_000) {
                    lastLoggedMs = now;
                    Logger.error(e, "{}: event loop error ({} since start); carrying on", loop.controllerId(),
                            loopErrors);
                }
            }
        }
    }

    /**
     * Stops the loop after its current input. Not by interrupting it: an interrupt that lands during a journal write
     * closes the journal's FileChannel (ClosedByInterruptException) and cuts the record being written. The loop parks
     * for at most {@link #MAX_WAIT_MS}; the unpark ends that wait at once.
     */
    @Override
    public void close() {
        running = false;
        java.util.concurrent.locks.LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
