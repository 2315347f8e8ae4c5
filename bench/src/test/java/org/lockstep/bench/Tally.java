package org.lockstep.bench;

import java.util.concurrent.TimeUnit;

/**
 * A count of relay writes that a benchmark can wait on without polling. The earlier wait parked 20 µs at a time:
 * harmless on two fast cores, but on one Pi-class core (bench/scripts/pi4-core.sh) that poller took the CPU from the
 * very loop being timed. The writer (the loop thread) pays one volatile read per write, and a monitor only when the
 * count reaches what the waiter asked for.
 */
final class Tally {
    private volatile int count;
    private volatile int wanted = Integer.MAX_VALUE;

    /** Loop thread only (one writer). */
    int increment() {
        int n = count + 1;
        count = n;
        if (n >= wanted) {
            synchronized (this) {
                notifyAll();
            }
        }
        return n;
    }

    int get() {
        return count;
    }

    /** Waits until the count is at least {@code target}; false after {@code timeoutNs}. */
    synchronized boolean await(int target, long timeoutNs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNs;
        wanted = target;
        try {
            while (count < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } finally {
            wanted = Integer.MAX_VALUE;
        }
    }
}
