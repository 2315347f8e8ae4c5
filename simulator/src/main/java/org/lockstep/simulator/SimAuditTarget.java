package org.lockstep.simulator;

import java.util.Optional;

import org.lockstep.controller.audit.AuditTarget;
import org.lockstep.controller.audit.LockAudit;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorState;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.shell.ControllerLoop;

/** The simulated school as an audit target: events go straight into the controllers, time is virtual. */
public final class SimAuditTarget implements AuditTarget {
    private final SimulatedSchool school;

    public SimAuditTarget(SimulatedSchool school) {
        this.school = school;
    }

    @Override
    public void requireNormal() throws LockAudit.Refused {
        for (var c : school.site().controllers()) {
            ControllerLoop loop = school.loop(c.id());
            if (loop == null) {
                continue; // its doors fail with "no power"; the others can still be tested
            }
            for (var z : loop.state().zones().entrySet()) {
                ZoneMode m = z.getValue();
                if (m.mode() != Mode.NORMAL) {
                    throw new LockAudit.Refused("zone " + z.getKey() + " is in " + m.mode()
                            + (m.drill() ? " (drill)" : "") + ": locks are audited only when the whole site is NORMAL");
                }
            }
            if (loop.state().fireAlarmActive()) {
                throw new LockAudit.Refused("a fire alarm is active on " + c.id() + ": locks are not audited now");
            }
        }
    }

    @Override
    public boolean reachable(DoorSpec door) {
        return school.loop(door.controller()) != null;
    }

    @Override
    public Optional<Command.Reply> lockTest(DoorSpec door, Event.LockTestRequested request) {
        school.send(door.controller(), request);
        ControllerLoop loop = school.loop(door.controller());
        return loop == null ? Optional.empty()
                : Optional.ofNullable(loop.state().recentReplies().get(request.requestId()));
    }

    @Override
    public Optional<Observed> observe(DoorSpec door) {
        ControllerLoop loop = school.loop(door.controller());
        if (loop == null) {
            return Optional.empty();
        }
        DoorState d = loop.state().doors().get(loop.machine().indexOf(door.id()).orElseThrow());
        return Optional.of(new Observed(d.status(), d.detail(), d.lockCommanded()));
    }

    @Override
    public void await(long ms) {
        school.advanceBy(ms);
    }

    @Override
    public void record(DoorSpec door, Event.LockTested finding) {
        school.send(door.controller(), finding);
    }
}
