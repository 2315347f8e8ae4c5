package org.lockstep.controller.core;

import java.util.ArrayList;
import java.util.List;

import org.lockstep.controller.core.Command.DriveLock;
import org.lockstep.controller.core.Command.RaiseAlert;
import org.lockstep.controller.core.Command.Reply;

/**
 * Given-when-then over the pure core: feeds events at explicit times and keeps the state and the last commands.
 * A tiny "physics" is available for tests that want bolts to follow the relay: {@link #settleBolts(long)}.
 */
final class Harness {
    final LockdownMachine machine;
    ControllerState state;
    List<Command> last = List.of();
    final List<Command> all = new ArrayList<>();
    /** Every step's facts with its time, as the journal keeps them. */
    final List<Journaled> journal = new ArrayList<>();
    long now;

    Harness(Site site, String controller) {
        machine = new LockdownMachine(site, controller);
        state = machine.initial();
        apply(new Event.ControllerStarted(), 0);
    }

    static Harness east() {
        return new Harness(TestSites.small(), "east-ctl");
    }

    Harness apply(Event e, long atMs) {
        now = atMs;
        LockdownMachine.Transition t = machine.apply(state, e, atMs);
        state = t.state();
        last = t.commands();
        all.addAll(last);
        journal.add(new Journaled(atMs, t.facts()));
        return this;
    }

    record Journaled(long atMs, List<Fact> facts) {}

    Harness at(long atMs) {
        return apply(new Event.TimeAdvanced(), atMs);
    }

    Harness request(String id, Mode mode, Scope scope, boolean drill, String operator, long atMs) {
        return apply(new Event.ModeRequested(id, mode, scope, drill, new Source.Operator(operator), "test"), atMs);
    }

    Harness lockdown(long atMs) {
        return request("ld-" + atMs, Mode.LOCKDOWN, Scope.SITE, false, "office", atMs);
    }

    /** Bolts of closed doors follow the last drive, as a healthy lock would. */
    Harness settleBolts(long atMs) {
        for (int i = 0; i < machine.doors().size(); i++) {
            DoorSpec spec = machine.doors().get(i);
            DoorState d = state.doors().get(i);
            boolean engaged = d.lockCommanded() && !d.open();
            if (spec.boltFeedback() && d.boltThrown() != engaged) {
                apply(new Event.BoltChanged(spec.id(), engaged), atMs);
            }
        }
        return at(atMs);
    }

    DoorStatus status(String doorId) {
        return door(doorId).status();
    }

    DoorState door(String doorId) {
        return state.doors().get(machine.indexOf(doorId).orElseThrow());
    }

    List<DriveLock> drives() {
        return last.stream().filter(DriveLock.class::isInstance).map(DriveLock.class::cast).toList();
    }

    List<Alert> alerts() {
        return last.stream().filter(RaiseAlert.class::isInstance).map(c -> ((RaiseAlert) c).alert()).toList();
    }

    Reply reply() {
        return last.stream().filter(Reply.class::isInstance).map(Reply.class::cast).findFirst().orElseThrow();
    }

    Mode mode(String zone) {
        return state.zone(zone).mode();
    }
}
