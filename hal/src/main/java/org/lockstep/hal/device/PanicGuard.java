package org.lockstep.hal.device;

/** What it takes for a panic button to count, so a bump or a child's curiosity does not lock the school. */
public sealed interface PanicGuard {
    /** Held down continuously for {@code holdMs}. */
    record Hold(long holdMs) implements PanicGuard {
        public Hold {
            if (holdMs < 0 || holdMs > 10_000) {
                throw new IllegalArgumentException("holdMs must be 0..10000, was " + holdMs);
            }
        }
    }

    /** Pressed {@code count} times within {@code windowMs}. */
    record Presses(int count, long windowMs) implements PanicGuard {
        public Presses {
            if (count < 1 || count > 10) {
                throw new IllegalArgumentException("count must be 1..10, was " + count);
            }
            if (windowMs < 100 || windowMs > 30_000) {
                throw new IllegalArgumentException("windowMs must be 100..30000, was " + windowMs);
            }
        }
    }
}
