package org.lockstep.controller.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A zone's mode and how it got there.
 *
 * @param drill the same door actions as the real thing, tagged as a drill everywhere
 * @param trigger who or what caused it; empty for the NORMAL a controller starts in
 */
public record ZoneMode(Mode mode, boolean drill, long sinceMs, Optional<Source> trigger, String reason) {
    public ZoneMode {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(reason, "reason");
        if (mode == Mode.NORMAL && drill) {
            throw new IllegalArgumentException("NORMAL is never a drill");
        }
    }

    public static ZoneMode initial() {
        return new ZoneMode(Mode.NORMAL, false, 0, Optional.empty(), "controller start");
    }

    /** A real (not drill) SECURE or LOCKDOWN. */
    public boolean isRealEmergency() {
        return mode != Mode.NORMAL && !drill;
    }
}
