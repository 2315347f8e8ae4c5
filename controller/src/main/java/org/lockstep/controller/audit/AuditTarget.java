package org.lockstep.controller.audit;

import java.util.Optional;

import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Event;

/**
 * What a lock audit runs against: the simulated school (in process), or live controllers (over MQTT). The audit's
 * judgement ({@link LockAudit}) is the same for both.
 */
public interface AuditTarget {
    /** A door as the audit sees it: its published status and whether the lock is commanded. */
    record Observed(DoorStatus status, String detail, boolean lockCommanded) {}

    /** @throws LockAudit.Refused unless every zone is NORMAL (and no fire alarm is known to be active) */
    void requireNormal() throws LockAudit.Refused;

    /** Whether the door's controller is there to test it (powered, online). */
    boolean reachable(DoorSpec door);

    /** Sends a test lock or release to the door's controller; its answer, or empty if none came in time. */
    Optional<Command.Reply> lockTest(DoorSpec door, Event.LockTestRequested request);

    /** The door's latest status; empty if unknown. */
    Optional<Observed> observe(DoorSpec door);

    /** Lets {@code ms} pass (virtual time in the simulator, real time on a site). */
    void await(long ms);

    /** Records the finding: journaled by the door's controller, and published where MQTT exists. */
    void record(DoorSpec door, Event.LockTested finding);
}
