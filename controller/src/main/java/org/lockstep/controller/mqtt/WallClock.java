package org.lockstep.controller.mqtt;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.lockstep.hal.MonotonicClock;

/**
 * Turns the core's monotonic milliseconds into wall-clock time for people and consoles. The core stays pure (it never
 * reads a clock); this class reads both clocks, at the moment it turns a time, so a stamp is right to the
 * millisecond however long start-up took and after the wall clock was set late (a Pi without a real-time clock boots
 * in 1970 until NTP answers). Order within a controller is the monotonic {@code sinceMs}/{@code atMs} that every
 * payload carries as well, never the wall time.
 */
public final class WallClock {
    private final MonotonicClock monotonic;
    private final Clock wall;

    private WallClock(MonotonicClock monotonic, Clock wall) {
        this.monotonic = Objects.requireNonNull(monotonic, "monotonic");
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    /** Both clocks as they run: the offset between them is read at every conversion. */
    public static WallClock of(MonotonicClock monotonic, Clock wall) {
        return new WallClock(monotonic, wall);
    }

    /** A fixed offset: monotonic 0 is {@code epochMsAtZero} (tests, and records whose offset is known). */
    public static WallClock fixed(long epochMsAtZero) {
        return new WallClock(() -> 0, Clock.fixed(Instant.ofEpochMilli(epochMsAtZero), java.time.ZoneOffset.UTC));
    }

    public Instant at(long monotonicMs) {
        long wallNow = wall.millis();
        long monoNow = monotonic.nowMs();
        return Instant.ofEpochMilli(wallNow - monoNow + monotonicMs);
    }

    public String iso(long monotonicMs) {
        return at(monotonicMs).toString();
    }
}
