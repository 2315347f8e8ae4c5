package org.lockstep.hal;

/**
 * Milliseconds on a clock that never goes backwards. The controller reads it only in its shell; the simulator
 * provides a virtual one that tests advance by hand.
 */
@FunctionalInterface
public interface MonotonicClock {
    long nowMs();

    /** The system's monotonic clock, starting near zero. */
    static MonotonicClock system() {
        long originNs = System.nanoTime();
        return () -> (System.nanoTime() - originNs) / 1_000_000L;
    }
}
