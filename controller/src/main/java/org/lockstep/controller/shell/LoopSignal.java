package org.lockstep.controller.shell;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Wakes the loop thread when either lane gets an input. Producers call {@link #signal()} after they enqueued (cheap
 * when nobody waits); the loop thread {@link #await}s with a time bound. The waiter is published before the lanes are
 * checked, so an input enqueued after the check unparks it and one enqueued before is seen by the check.
 */
final class LoopSignal {
    private volatile Thread waiter;

    void signal() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Returns when {@code ready} holds or {@code waitMs} has passed. */
    void await(long waitMs, BooleanSupplier ready) throws InterruptedException {
        if (ready.getAsBoolean() || waitMs <= 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        waiter = Thread.currentThread();
        try {
            while (!ready.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            waiter = null;
        }
    }
}
