package org.lockstep.controller.core;

import java.util.Optional;

/**
 * What the core knows about one of its doors. Immutable; {@link LockdownMachine} makes a new one per change.
 *
 * @param planLocked what the mode and response plan want (LEAVE keeps it); the fire policy may override it
 * @param lockCommanded what the relay was last told: {@code planLocked} unless the fire policy releases the door
 * @param lockRefMs when the lock was commanded or the door last closed, whichever is later: the actuation timer
 * @param unlockRefMs when the unlock was commanded
 * @param openedAtMs when the door last opened
 * @param forced opened while it was SECURED; cleared when it closes or its lock is released (a door that is not
 *     locked cannot be forced; a new lockdown with the door still open finds it OPEN, not FORCED)
 * @param boltDisagreeSinceMs since when the bolt has reported thrown while the door is open, or -1
 * @param fault a device fault on this door's relay, contact or bolt monitor
 * @param alertedStatus the breach status last alerted, so a status is alerted once per occurrence
 */
public record DoorState(boolean planLocked, boolean lockCommanded, long lockRefMs, long unlockRefMs, boolean open,
        long openedAtMs, boolean forced, boolean boltThrown, long boltDisagreeSinceMs, Optional<String> fault,
        DoorStatus status, String detail, long statusSinceMs, long seq, Optional<DoorStatus> alertedStatus) {

    public static DoorState initial() {
        return new DoorState(false, false, 0, 0, false, 0, false, false, -1, Optional.empty(), DoorStatus.UNLOCKED, "",
                0, 0, Optional.empty());
    }

    DoorState withPlan(boolean planLocked) {
        return new DoorState(planLocked, lockCommanded, lockRefMs, unlockRefMs, open, openedAtMs, forced, boltThrown,
                boltDisagreeSinceMs, fault, status, detail, statusSinceMs, seq, alertedStatus);
    }

    DoorState withLockCommanded(boolean lock, long nowMs) {
        return new DoorState(planLocked, lock, lock ? nowMs : lockRefMs, lock ? unlockRefMs : nowMs, open, openedAtMs,
                forced, boltThrown, boltDisagreeSinceMs, fault, status, detail, statusSinceMs, seq, alertedStatus);
    }

    DoorState withOpen(boolean open, long nowMs) {
        boolean wasSecured = status == DoorStatus.SECURED;
        return new DoorState(planLocked, lockCommanded, open ? lockRefMs : Math.max(lockRefMs, nowMs), unlockRefMs,
                open, open ? nowMs : openedAtMs, open && wasSecured, boltThrown,
                open && boltThrown ? nowMs : -1, fault, status, detail, statusSinceMs, seq, alertedStatus);
    }

    DoorState withForced(boolean forced) {
        return new DoorState(planLocked, lockCommanded, lockRefMs, unlockRefMs, open, openedAtMs, forced, boltThrown,
                boltDisagreeSinceMs, fault, status, detail, statusSinceMs, seq, alertedStatus);
    }

    DoorState withBolt(boolean thrown, long nowMs) {
        return new DoorState(planLocked, lockCommanded, lockRefMs, unlockRefMs, open, openedAtMs, forced, thrown,
                thrown && open ? (boltDisagreeSinceMs >= 0 ? boltDisagreeSinceMs : nowMs) : -1, fault, status, detail,
                statusSinceMs, seq, alertedStatus);
    }

    DoorState withFault(Optional<String> fault) {
        return new DoorState(planLocked, lockCommanded, lockRefMs, unlockRefMs, open, openedAtMs, forced, boltThrown,
                boltDisagreeSinceMs, fault, status, detail, statusSinceMs, seq, alertedStatus);
    }

    DoorState withStatus(DoorStatus status, String detail, long nowMs) {
        return new DoorState(planLocked, lockCommanded, lockRefMs, unlockRefMs, open, openedAtMs, forced, boltThrown,
                boltDisagreeSinceMs, fault, status, detail, nowMs, seq + 1, alertedStatus);
    }

    DoorState withAlerted(Optional<DoorStatus> alerted) {
        return new DoorState(planLocked, lockCommanded, lockRefMs, unlockRefMs, open, openedAtMs, forced, boltThrown,
                boltDisagreeSinceMs, fault, status, detail, statusSinceMs, seq, alerted);
    }
}
