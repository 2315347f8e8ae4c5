package org.lockstep.controller.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorState;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.simulation.SimulatedSchool;

/**
 * The lock audit: for each selected door, lock it through the core ({@link Event.LockTestRequested}), wait its
 * actuation time plus {@link #SETTLE_MARGIN_MS}, read what the core made of the bolt feedback and door position, release
 * it back to its NORMAL plan, and journal the finding ({@link Event.LockTested}). Refused unless the whole site is
 * NORMAL with no fire alarm. Runs against the simulated school here; a live controller runs the same events.
 */
public final class LockAudit {
    /** Past a lock's actuation time, how long before its bolt and position are judged (contact debounce, status timer). */
    public static final long SETTLE_MARGIN_MS = 500;

    /** Why an audit did not run. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public record DoorResult(String doorId, String room, String zone, boolean passed, String reason) {}

    /** Told before each door is tested ({@code index} from 0) and once at the end ({@code index == total}). */
    @FunctionalInterface
    public interface Progress {
        void at(int index, int total, String doorId);
    }

    private final SimulatedSchool school;
    private final Source.Operator operator;
    private int requests;

    public LockAudit(SimulatedSchool school, String operatorId) {
        this.school = Objects.requireNonNull(school, "school");
        this.operator = new Source.Operator(operatorId);
    }

    public List<DoorResult> run(Predicate<DoorSpec> select, Progress progress) throws Refused {
        requireNormal();
        List<DoorSpec> doors = school.site().doors().stream().filter(select).toList();
        if (doors.isEmpty()) {
            throw new Refused("no door matches the selection");
        }
        List<DoorResult> results = new ArrayList<>();
        for (int n = 0; n < doors.size(); n++) {
            progress.at(n, doors.size(), doors.get(n).id());
            requireNormal(); // a lockdown during the audit ends it: the lockdown owns the locks
            results.add(test(doors.get(n)));
        }
        progress.at(doors.size(), doors.size(), "");
        return results;
    }

    private void requireNormal() throws Refused {
        for (var c : school.site().controllers()) {
            ControllerLoop loop = school.loop(c.id());
            if (loop == null) {
                continue; // its doors fail with "no power"; the others can still be tested
            }
            for (var z : loop.state().zones().entrySet()) {
                ZoneMode m = z.getValue();
                if (m.mode() != Mode.NORMAL) {
                    throw new Refused("zone " + z.getKey() + " is in " + m.mode() + (m.drill() ? " (drill)" : "")
                            + ": locks are audited only when the whole site is NORMAL");
                }
            }
            if (loop.state().fireAlarmActive()) {
                throw new Refused("a fire alarm is active on " + c.id() + ": locks are not audited now");
            }
        }
    }

    private DoorResult test(DoorSpec door) throws Refused {
        ControllerLoop loop = school.loop(door.controller());
        if (loop == null) {
            return result(door, false, "controller " + door.controller() + " has no power");
        }
        String lockId = "audit-" + door.id() + "-" + (++requests);
        school.send(door.controller(), new Event.LockTestRequested(lockId, door.id(), true, operator));
        Command.Reply reply = school.loop(door.controller()).state().recentReplies().get(lockId);
        if (reply == null || !reply.accepted()) {
            throw new Refused(reply == null ? "controller " + door.controller() + " did not answer" : reply.reason());
        }
        school.advanceBy(door.actuationMs() + SETTLE_MARGIN_MS);
        DoorState locked = state(door);
        String lockedVerdict = verdictLocked(door, locked);
        school.send(door.controller(), new Event.LockTestRequested("audit-" + door.id() + "-" + (++requests),
                door.id(), false, operator));
        school.advanceBy(door.actuationMs() + SETTLE_MARGIN_MS);
        DoorState released = state(door);
        String releaseVerdict = released.lockCommanded() || !door.boltFeedback() || !released.boltThrown() ? ""
                : "bolt still thrown after release";
        boolean passed = lockedVerdict.isEmpty() && releaseVerdict.isEmpty();
        String reason = passed ? (door.boltFeedback() ? "bolt thrown and door closed" : "door closed (no bolt monitor:"
                + " a jammed bolt cannot be seen)")
                : String.join("; ", List.of(lockedVerdict, releaseVerdict).stream().filter(s -> !s.isEmpty()).toList());
        school.send(door.controller(), new Event.LockTested(door.id(), passed, reason));
        return result(door, passed, reason);
    }

    private static String verdictLocked(DoorSpec door, DoorState d) {
        if (d.status() == DoorStatus.SECURED) {
            return "";
        }
        String why = switch (d.status()) {
            case FAILED_TO_SECURE -> door.boltFeedback() && !d.boltThrown() ? "bolt did not throw" : "did not secure";
            case OPEN, PROPPED, FORCED -> "door position reads open";
            case FAULT -> "fault";
            case UNLOCKED -> "lock was not commanded";
            case OFFLINE -> "controller offline";
            case SECURED -> throw new AssertionError();
        };
        return why + " (" + d.status() + (d.detail().isEmpty() ? "" : ": " + d.detail()) + ")";
    }

    private DoorState state(DoorSpec door) {
        ControllerLoop loop = school.loop(door.controller());
        return loop.state().doors().get(loop.machine().indexOf(door.id()).orElseThrow());
    }

    private static DoorResult result(DoorSpec d, boolean passed, String reason) {
        return new DoorResult(d.id(), d.room(), d.zone(), passed, reason);
    }
}
