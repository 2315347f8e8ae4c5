package org.lockstep.hal.serial;

/**
 * Bounded exponential backoff: {@code initialMs}, doubled per failed attempt, never more than {@code maxMs}. No
 * jitter: one controller reopens one port, so there is no herd to spread, and a fixed schedule is easier to test
 * and to read in a log.
 */
public record Backoff(long initialMs, long maxMs) {
    public static final long MIN_INITIAL_MS = 10;
    public static final long MAX_MAX_MS = 300_000;
    /** Default: first retry after 0.5 s, then 1, 2, 4, 8, 16, 30, 30... s. */
    public static final Backoff DEFAULT = new Backoff(500, 30_000);

    public Backoff {
        if (initialMs < MIN_INITIAL_MS || initialMs > maxMs) {
            throw new IllegalArgumentException("initialMs must be " + MIN_INITIAL_MS + "..maxMs, was " + initialMs);
        }
        if (maxMs > MAX_MAX_MS) {
            throw new IllegalArgumentException("maxMs must be <= " + MAX_MAX_MS + ", was " + maxMs);
        }
    }

    /** The wait before attempt number {@code failures + 1}, after {@code failures} (>= 0) failures in a row. */
    public long delayMs(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be >= 0, was " + failures);
        }
        int shift = Math.min(failures, 30);
        return Math.min(maxMs, initialMs << shift);
    }
}
