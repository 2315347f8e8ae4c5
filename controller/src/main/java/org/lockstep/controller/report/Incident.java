package org.lockstep.controller.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Mode;

/**
 * One SECURE or LOCKDOWN (or drill) from the moment a zone left NORMAL until every zone was NORMAL again, as the
 * journals tell it. All times are wall-clock epoch milliseconds.
 *
 * @param mode the most severe mode reached
 * @param drill true only if every mode change in it was a drill (a real event during a drill makes it real)
 * @param endWallMs the ALL CLEAR of the last zone; empty if the journal ends first
 */
public record Incident(Mode mode, boolean drill, long startWallMs, OptionalLong endWallMs, ModeChange trigger,
        List<ModeChange> changes, List<DoorOutcome> doors, List<DoorOpening> openings, List<AlertLine> alerts,
        Optional<ModeChange> allClear) {

    /** A zone's mode changed: when, to what, who or what caused it and why. */
    public record ModeChange(long wallMs, String zone, Mode mode, boolean drill, String source, String reason) {}

    /**
     * A door told to lock during the incident.
     *
     * @param securedWallMs when it was first SECURED after the incident started; empty if it never was
     * @param lastStatus its status when the incident ended (or the journal did), with the detail: why it never secured
     */
    public record DoorOutcome(String doorId, String room, String zone, String controller, long lockCommandedWallMs,
            OptionalLong securedWallMs, DoorStatus lastStatus, String detail) {
        public OptionalLong timeToSecuredMs(long incidentStartWallMs) {
            return securedWallMs.isPresent() ? OptionalLong.of(securedWallMs.getAsLong() - incidentStartWallMs)
                    : OptionalLong.empty();
        }
    }

    /** A door that opened while it should have been locked, and the status that followed. */
    public record DoorOpening(long wallMs, String doorId, String room, String zone, DoorStatus status) {}

    public record AlertLine(long wallMs, String controller, Alert alert) {}
}
