package org.lockstep.controller.commission;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.lockstep.controller.audit.AuditTarget;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Scope;

/**
 * The live controllers as commissioning sees them (over the site's broker: {@code mqtt.MqttCommissionTarget}): what they
 * publish (door statuses, zone modes, alerts), and the signed commands commissioning sends (test locks, the ALL CLEAR
 * after a panic-button test, the findings for the journal).
 */
public interface CommissionTarget {
    /** A zone's mode as last published, whether a drill, and what started it ({@code panic_button:<id>}, or empty). */
    record ZoneSeen(String mode, boolean drill, String trigger) {}

    Optional<ZoneSeen> zone(String zoneId);

    /** Whether the controller says it is online. */
    boolean reachable(String controllerId);

    /** The door's latest published status, if any. */
    Optional<AuditTarget.Observed> door(DoorSpec door);

    /** Sends a test lock or release (LOCK_TEST) to the door's controller; its answer, or empty if none came in time. */
    Optional<Command.Reply> lockTest(DoorSpec door, Event.LockTestRequested request);

    /** How many alerts of this kind about this device have been seen since the target started. */
    long alerts(String kind, String subjectId);

    /** Sends a signed ALL CLEAR for the scope; the first controller's answer, or empty if none came in time. */
    Optional<Command.Reply> allClear(Scope scope, String reason);

    /** Sends the finding to the device's controller, which journals it (COMMISSIONED). */
    void record(String controllerId, Finding finding);

    /** Waits until the condition holds or {@code timeoutMs} pass; whether it held. */
    boolean await(BooleanSupplier condition, long timeoutMs);

    /** Lets {@code ms} pass. */
    void pause(long ms);
}
