package org.lockstep.controller.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A zone's mode and how it got there.
 *
 * @param drill the same door actions as the real thing, tagged as a drill everywhere
 * @param trigger who or what caused it; empty for the NORMAL a controller starts in
 * @param version how many mode changes the zone has been through: every controller that saw the same commands has
 *     the same number, so a peer's mode with a higher version is news, and a lower one is stale (a controller that
 *     was off during the all clear must not re-lock the site when it comes back)
 */
public record ZoneMode(Mode mode, boolean drill, long sinceMs, Optional<Source> trigger, String reason, long version) {
    /**
     * The highest version a zone mode can have: far beyond any real site (a change a second for 30,000 years) and far
     * below {@code Long.MAX_VALUE}, so {@code version + 1} can never overflow. A peer's zone mode above it is refused at
     * the boundary and ignored by the core; a zone that reached it stays there (the next change keeps the version).
     */
    public static final long MAX_VERSION = 1_000_000_000_000L;

    public ZoneMode {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(reason, "reason");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + version);
        }
        if (mode == Mode.NORMAL && drill) {
            throw new IllegalArgumentException("NORMAL is never a drill");
        }
    }

    public static ZoneMode initial() {
        return new ZoneMode(Mode.NORMAL, false, 0, Optional.empty(), "controller start", 0);
    }

    /** The version of the zone's next change: one more, saturating at {@link #MAX_VERSION} (never overflows). */
    public long nextVersion() {
        return version >= MAX_VERSION ? MAX_VERSION : version + 1;
    }

    /** A real (not drill) SECURE or LOCKDOWN. */
    public boolean isRealEmergency() {
        return mode != Mode.NORMAL && !drill;
    }
}
