package org.lockstep.controller.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

/**
 * The lock audit: for each selected door, lock it through the core ({@link Event.LockTestRequested}), wait its
 * actuation time plus {@link #SETTLE_MARGIN_MS}, read what the core made of the bolt feedback and door position, release
 * it back to its NORMAL plan, and journal the finding ({@link Event.LockTested}). Refused unless the whole site is
 * NORMAL with no fire alarm. Runs against an {@link AuditTarget}: the simulated school, or live controllers over MQTT.
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

    private final AuditTarget target;
    private final Source.Operator operator;
    private final String runId;
    private int requests;

    /** @param runId makes this run's request ids unique (requests are idempotent by id on the controllers) */
    public LockAudit(AuditTarget target, String operatorId, String runId) {
        this.target = Objects.requireNonNull(target, "target");
        this.operator = new Source.Operator(operatorId);
        this.runId = Objects.requireNonNull(runId, "runId");
    }

    public List<DoorResult> run(List<DoorSpec> all, Predicate<DoorSpec> select, Progress progress) throws Refused {
        target.requireNormal();
        List<DoorSpec> doors = all.stream().filter(select).toList();
        if (doors.isEmpty()) {
            throw new Refused("no door matches the selection");
        }
        List<DoorResult> results = new ArrayList<>();
        for (int n = 0; n < doors.size(); n++) {
            progress.at(n, doors.size(), doors.get(n).id());
            target.requireNormal(); // a lockdown during the audit ends it: the lockdown owns the locks
            results.add(test(doors.get(n)));
        }
        progress.at(doors.size(), doors.size(), "");
        return results;
    }

    private DoorResult test(DoorSpec door) throws Refused {
        if (!target.reachable(door)) {
            return result(door, false, "controller " + door.controller() + " is not reachable (no power or offline)");
        }
        String lockId = "audit-" + runId + "-" + door.id() + "-" + (++requests);
        Optional<Command.Reply> reply = target.lockTest(door, new Event.LockTestRequested(lockId, door.id(), true,
                operator));
        if (reply.isEmpty()) {
            return result(door, false, "controller " + door.controller() + " did not answer the test lock");
        }
        if (!reply.get().accepted()) {
            throw new Refused(reply.get().reason());
        }
        target.await(door.actuationMs() + SETTLE_MARGIN_MS);
        String lockedVerdict = target.observe(door).map(o -> verdictLocked(door, o)).orElse("status unknown");
        target.lockTest(door, new Event.LockTestRequested("audit-" + runId + "-" + door.id() + "-" + (++requests),
                door.id(), false, operator));
        target.await(door.actuationMs() + SETTLE_MARGIN_MS);
        String releaseVerdict = target.observe(door).map(o -> !o.lockCommanded() && o.status() == DoorStatus.FAULT
                && o.detail().contains("still thrown") ? "bolt still thrown after release" : "").orElse("");
        boolean passed = lockedVerdict.isEmpty() && releaseVerdict.isEmpty();
        String reason = passed ? (door.boltFeedback() ? "bolt thrown and door closed" : "door closed (no bolt monitor:"
                + " a jammed bolt cannot be seen)")
                : String.join("; ", List.of(lockedVerdict, releaseVerdict).stream().filter(s -> !s.isEmpty()).toList());
        target.record(door, new Event.LockTested(door.id(), passed, reason));
        return result(door, passed, reason);
    }

    private static String verdictLocked(DoorSpec door, AuditTarget.Observed d) {
        if (d.status() == DoorStatus.SECURED) {
            return "";
        }
        String why = switch (d.status()) {
            case FAILED_TO_SECURE -> door.boltFeedback() && d.detail().contains("bolt not thrown") ? "bolt did not throw"
                    : "did not secure";
            case OPEN, PROPPED, FORCED -> "door position reads open";
            case FAULT -> "fault";
            case UNLOCKED -> "lock was not commanded";
            case OFFLINE -> "controller offline";
            case SECURED -> throw new AssertionError();
        };
        return why + " (" + d.status() + (d.detail().isEmpty() ? "" : ": " + d.detail()) + ")";
    }

    private static DoorResult result(DoorSpec d, boolean passed, String reason) {
        return new DoorResult(d.id(), d.room(), d.zone(), passed, reason);
    }
}
