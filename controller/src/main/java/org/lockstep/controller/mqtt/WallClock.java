package org.lockstep.controller.mqtt;

import java.time.Clock;
import java.time.Instant;

import org.lockstep.hal.MonotonicClock;

/**
 * Turns the core's monotonic milliseconds into wall-clock time for people and consoles. The offset is captured once,
 * at start: the core stays pure (it never reads a clock), and a later wall-clock step (NTP) does not reorder events.
 */
public record WallClock(long epochMsAtZero) {
    public static WallClock capture(MonotonicClock monotonic, Clock wall) {
        return new WallClock(wall.millis() - monotonic.nowMs());
    }

    public Instant at(long monotonicMs) {
        return Instant.ofEpochMilli(epochMsAtZero + monotonicMs);
    }

    public String iso(long monotonicMs) {
        return at(monotonicMs).toString();
    }
}
