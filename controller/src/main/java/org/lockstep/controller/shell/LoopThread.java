package org.lockstep.controller.shell;

import java.util.OptionalLong;

import org.lockstep.hal.MonotonicClock;
import org.tinylog.Logger;

/**
 * Runs a {@link ControllerLoop} on its own thread on a real controller: waits on the inbox until the next timer,
 * handles what came, runs what is due. The loop's state is touched by this thread only.
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
                LoopInput first = loop.inbox().poll(Math.min(wait, MAX_WAIT_MS));
                if (first != null) {
                    loop.handle(first);
                    loop.processPending();
                }
                loop.runDue();
                turns++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug must not stop the lockdown loop: log it loudly and carry on with the next input.
                Logger.error(e, "{}: event loop error", loop.controllerId());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
