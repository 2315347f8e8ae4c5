package org.lockstep.controller.shell;

import java.util.Optional;

import org.lockstep.controller.core.Event;
import org.tinylog.Logger;

/**
 * What the loop does when handling one input throws (a core bug, a driver bug, an event nobody foresaw): the input is
 * dropped, the state stays as it was before it, and the failure becomes a fault on device {@value #DEVICE} — raised
 * (an alert and a status detail), journaled like any fault, logged with its stack trace the first time and as a
 * counted summary after that ({@link LaneLimits#SUMMARY_INTERVAL_MS}), so a failure repeated ten thousand times a
 * second costs no log flood. Loop thread only.
 */
final class LoopFaults {
    /** The device id a dropped input is raised under. */
    static final String DEVICE = "event-loop";

    private final String controllerId;
    private volatile long failures; // read by other threads (status, tests)
    private long reported;
    private long nextSummaryMs = Long.MIN_VALUE;
    private String lastDetail = "";

    LoopFaults(String controllerId) {
        this.controllerId = controllerId;
    }

    /**
     * Counts a failure; returns the fault to raise for it, if one is due (the first one, then at most one per summary
     * interval from {@link #summary}). A failure while handling this class's own fault is only counted, so a core
     * that cannot take a fault does not loop.
     */
    Optional<Event> failed(Object input, Throwable error, long nowMs) {
        failures++;
        String detail = "input dropped (" + describe(input) + "): " + error;
        lastDetail = detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
        if (input instanceof Event.DeviceFaulted f && f.deviceId().equals(DEVICE)) {
            return Optional.empty();
        }
        if (failures == 1) {
            Logger.error(error, "{}: handling {} failed; input dropped, the loop goes on (counted as a fault on {})",
                    controllerId, describe(input), DEVICE);
            reported = failures;
            nextSummaryMs = nowMs + LaneLimits.SUMMARY_INTERVAL_MS;
            return Optional.of(new Event.DeviceFaulted(DEVICE, lastDetail));
        }
        return Optional.empty();
    }

    /** A summary fault when more failures came since the last report and the interval has passed. */
    Optional<Event> summary(long nowMs) {
        if (failures == reported || nowMs < nextSummaryMs) {
            return Optional.empty();
        }
        Logger.error("{}: {} input(s) dropped since start after a failure while handling them; last: {}",
                controllerId, failures, lastDetail);
        reported = failures;
        nextSummaryMs = nowMs + LaneLimits.SUMMARY_INTERVAL_MS;
        return Optional.of(new Event.DeviceFaulted(DEVICE, failures + " inputs dropped; last: " + lastDetail));
    }

    long failures() {
        return failures;
    }

    private static String describe(Object input) {
        String s = String.valueOf(input);
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
