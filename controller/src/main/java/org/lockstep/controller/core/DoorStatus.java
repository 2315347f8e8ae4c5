package org.lockstep.controller.core;

/** A door's published status, derived from what was commanded and what the sensors say (DESIGN §3). */
public enum DoorStatus {
    /** Closed and locked (bolt thrown, where the door has bolt feedback). */
    SECURED,
    UNLOCKED,
    OPEN,
    /** Open past its grace time. */
    PROPPED,
    /** Opened while it was secured. Egress is mechanical, so this may be someone leaving: it is reported, not judged. */
    FORCED,
    /** Told to lock, but the bolt (or position) disagrees after the lock's actuation time. */
    FAILED_TO_SECURE,
    /** A sensor disagreement, a cut wire, a relay that refused: see the detail. */
    FAULT,
    /** The controller that runs the door is not heard from (set by consoles and the simulator, never by the core). */
    OFFLINE;

    /** Whether this status is worth an alert when the door should be locked. */
    public boolean isBreach() {
        return switch (this) {
            case OPEN, PROPPED, FORCED, FAILED_TO_SECURE, FAULT, OFFLINE -> true;
            case SECURED, UNLOCKED -> false;
        };
    }
}
