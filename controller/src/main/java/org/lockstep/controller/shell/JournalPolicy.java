package org.lockstep.controller.shell;

import org.lockstep.controller.core.ControllerState;
import org.lockstep.controller.core.Event;

/**
 * What the loop journals for one applied event, and whether the journal must be on disk before the loop goes on. A
 * flood of refused or repeated commands must cost no fsync (issue 8 #2: every refused command was fsynced, and a
 * panic press waited 40 s behind them):
 * <ul>
 *   <li>{@link Decision#DURABLE}: the step changed what a restart must come back to (a zone's mode, an active fire
 *       alarm, a lock under test): appended and fsynced before the loop publishes or answers anything;</li>
 *   <li>{@link Decision#SKIP}: a request from outside that changed nothing at all (a repeat of a known request id, a
 *       peer's zone mode that is not news): the state a replay rebuilds is the same without it, so it is not
 *       journaled again (counted instead);</li>
 *   <li>{@link Decision#APPEND}: everything else (door and sensor events, refusals, faults): appended, and on disk
 *       within the journal's group-commit bound.</li>
 * </ul>
 */
final class JournalPolicy {
    enum Decision { DURABLE, APPEND, SKIP }

    private JournalPolicy() {}

    static Decision decide(Event event, ControllerState before, ControllerState after) {
        if (!before.zones().equals(after.zones()) || !before.activeFireAlarms().equals(after.activeFireAlarms())
                || !before.testLocks().equals(after.testLocks())) {
            return Decision.DURABLE;
        }
        if (fromOutside(event) && sameApartFromTime(before, after)) {
            return Decision.SKIP;
        }
        return Decision.APPEND;
    }

    private static boolean fromOutside(Event event) {
        return switch (event) {
            case Event.ModeRequested r -> true;
            case Event.LockTestRequested t -> true;
            case Event.PeerModeSeen p -> true;
            case Event.ControllerStarted s -> false;
            case Event.TimeAdvanced t -> false;
            case Event.ContactChanged c -> false;
            case Event.BoltChanged b -> false;
            case Event.PanicPressed p -> false;
            case Event.WeaponDetected w -> false;
            case Event.FireAlarmChanged f -> false;
            case Event.DeviceFaulted f -> false;
            case Event.DeviceRecovered r -> false;
            case Event.LockTested t -> false;
            case Event.Commissioned c -> false;
        };
    }

    /** Zones, fire alarms and test locks were compared already; {@code lastMs} is allowed to move. */
    private static boolean sameApartFromTime(ControllerState before, ControllerState after) {
        return before.doors().equals(after.doors()) && before.faultedDevices().equals(after.faultedDevices())
                && before.recentReplies().equals(after.recentReplies());
    }
}
