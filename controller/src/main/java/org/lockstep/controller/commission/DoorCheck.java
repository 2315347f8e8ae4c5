package org.lockstep.controller.commission;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lockstep.controller.audit.AuditTarget;
import org.lockstep.controller.audit.LockAudit;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Source;

/**
 * One door, step by step: the door is closed; the lock is driven (LOCK_TEST, refused by the controller unless the
 * door's zone is NORMAL with no fire alarm) and the installer says whether they heard it; the bolt feedback (or, with
 * no bolt monitor, the position) shows SECURED; the lock is released; the installer opens the door and the contact must
 * read OPEN, then closes it and it must read closed. Every wait has the step timeout.
 */
final class DoorCheck {
    private final CommissionTarget target;
    private final Installer installer;
    private final Source.Operator operator;
    private final String runId;
    private final long stepTimeoutMs;
    private int requests;

    DoorCheck(CommissionTarget target, Installer installer, String operatorId, String runId, long stepTimeoutMs) {
        this.target = target;
        this.installer = installer;
        this.operator = new Source.Operator(operatorId);
        this.runId = runId;
        this.stepTimeoutMs = stepTimeoutMs;
    }

    /** @throws Refused if the controller refused the test lock (zone not NORMAL, fire alarm, operator not allowed) */
    Finding check(DoorSpec door, String label) throws Refused {
        Optional<AuditTarget.Observed> now = target.door(door);
        if (now.isEmpty()) {
            return fail(door, "controller " + door.controller() + " publishes no status for this door: is the "
                    + "controller running this site file?");
        }
        if (now.get().status() == DoorStatus.FAULT || now.get().status() == DoorStatus.OFFLINE) {
            return fail(door, "the door reports " + describe(now.get()) + " before any test");
        }
        if (isOpen(now.get())) {
            step(label, "close the door");
            installer.instruct(new Installer.Instruction(Installer.Action.CLOSE_DOOR, door.id(),
                    "close door " + door.id() + " (" + door.room() + ")"));
            if (!target.await(() -> closed(door), stepTimeoutMs)) {
                return fail(door, "the door contact still reads " + describe(target.door(door).orElseThrow())
                        + " " + seconds() + " after 'close the door': check the contact and its wire (a cut "
                        + "contact wire reads open)");
            }
        }
        List<String> problems = new ArrayList<>();
        step(label, "drive the lock");
        Optional<Command.Reply> locked = lockTest(door, true);
        if (locked.isEmpty()) {
            return fail(door, "controller " + door.controller() + " did not answer the test lock");
        }
        if (!locked.get().accepted()) {
            throw new Refused(door.id() + ": " + locked.get().reason());
        }
        try {
            target.pause(door.actuationMs() + LockAudit.SETTLE_MARGIN_MS);
            if (!installer.heard("Did you hear door " + door.id() + "'s lock move? [y/n]")) {
                problems.add("the lock was not heard when driven (relay, wiring or lock power?)");
            }
            AuditTarget.Observed seen = target.door(door).orElseThrow();
            if (seen.status() == DoorStatus.SECURED) {
                step(label, door.boltFeedback() ? "bolt feedback seen: SECURED" : "SECURED (no bolt monitor: the "
                        + "bolt itself cannot be seen)");
            } else {
                problems.add((door.boltFeedback() ? "bolt feedback not seen" : "did not read SECURED") + " with the "
                        + "lock driven (" + describe(seen) + ")");
            }
        } finally {
            lockTest(door, false);
            target.pause(door.actuationMs() + LockAudit.SETTLE_MARGIN_MS);
        }
        AuditTarget.Observed released = target.door(door).orElseThrow();
        if (released.status() == DoorStatus.FAULT) {
            problems.add("after the release: " + describe(released));
        }
        step(label, "open the door now");
        installer.instruct(new Installer.Instruction(Installer.Action.OPEN_DOOR, door.id(),
                "open door " + door.id() + " (" + door.room() + ") now"));
        if (!target.await(() -> target.door(door).map(DoorCheck::isOpen).orElse(false), stepTimeoutMs)) {
            problems.add("the door contact did not read OPEN within " + seconds() + " of 'open the door now' (last "
                    + target.door(door).map(DoorCheck::describe).orElse("unknown") + "): check the contact");
        } else {
            step(label, "OPEN seen; close it");
            installer.instruct(new Installer.Instruction(Installer.Action.CLOSE_DOOR, door.id(),
                    "close door " + door.id() + " (" + door.room() + ")"));
            if (!target.await(() -> closed(door), stepTimeoutMs)) {
                problems.add("the door contact still read open " + seconds() + " after 'close it'");
            } else {
                step(label, "closed seen");
            }
        }
        if (!problems.isEmpty()) {
            return fail(door, String.join("; ", problems));
        }
        return new Finding(Finding.Kind.DOOR, door.id(), door.room(), true, "lock heard, "
                + (door.boltFeedback() ? "bolt feedback seen" : "SECURED (no bolt monitor)")
                + ", contact seen OPEN then closed");
    }

    private Optional<Command.Reply> lockTest(DoorSpec door, boolean lock) {
        String id = "cl-" + runId + "-" + (++requests) + "-" + door.id(); // at most 3+8+1+3+1+48 = 64 characters
        return target.lockTest(door, new Event.LockTestRequested(id, door.id(), lock, operator));
    }

    private boolean closed(DoorSpec door) {
        return target.door(door).map(o -> !isOpen(o)).orElse(false);
    }

    static boolean isOpen(AuditTarget.Observed o) {
        return o.status() == DoorStatus.OPEN || o.status() == DoorStatus.PROPPED || o.status() == DoorStatus.FORCED;
    }

    static String describe(AuditTarget.Observed o) {
        return o.status() + (o.detail().isEmpty() ? "" : ": " + o.detail());
    }

    private String seconds() {
        return (stepTimeoutMs / 1000) + " s";
    }

    private void step(String label, String what) {
        installer.progress(label + ": " + what);
    }

    private static Finding fail(DoorSpec door, String reason) {
        return new Finding(Finding.Kind.DOOR, door.id(), door.room(), false, reason);
    }
}
