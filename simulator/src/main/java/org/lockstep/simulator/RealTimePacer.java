package org.lockstep.simulator;

import java.time.Instant;

/**
 * Runs a simulated school's virtual clock in step with the real one, for the interactive simulator and its
 * consoles. The wall-clock origin and the point the virtual clock counts from are read together, before the school is
 * built, so virtual time {@code v} is the instant {@code origin + v} whatever start-up costs (starting a broker,
 * connecting uplinks): every wall time the school stamps (journal, door status {@code since}, alert {@code at}) is
 * then the moment it happened, to within one tick.
 */
public final class RealTimePacer {
    private final Instant origin;
    private final long originNs;
    private final double speed;

    private RealTimePacer(Instant origin, long originNs, double speed) {
        this.origin = origin;
        this.originNs = originNs;
        this.speed = speed;
    }

    /** Reads the clocks now: call it before building the school, and build the school with {@link #origin()}. */
    public static RealTimePacer startNow(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
        long ns = System.nanoTime();
        Instant now = Instant.now();
        return new RealTimePacer(now, ns, speed);
    }

    /** The wall-clock instant of virtual time 0. */
    public Instant origin() {
        return origin;
    }

    /** Virtual milliseconds due now. */
    public long dueMs() {
        return (long) ((System.nanoTime() - originNs) / 1_000_000L * speed);
    }

    /** Advances the school to now (a no-op if it is already there). */
    public void advance(SimulatedSchool school) {
        long due = dueMs();
        if (due > school.nowMs()) {
            school.advanceTo(due);
        }
    }
}
