package org.lockstep.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lock audit's events in the core: a test lock only in NORMAL, only by someone allowed to run drills. */
class LockTestTest {
    static Event.LockTestRequested test(String id, String door, boolean lock, String operator) {
        return new Event.LockTestRequested(id, door, lock, new Source.Operator(operator));
    }

    static Command.Reply reply(Harness h) {
        return h.last.stream().filter(c -> c instanceof Command.Reply).map(c -> (Command.Reply) c).findFirst()
                .orElseThrow();
    }

    @Test
    void a_test_lock_in_normal_drives_the_lock_first_and_a_release_returns_it_to_its_plan() {
        Harness h = Harness.east().apply(test("t1", "c101", true, "office"), 1_000);
        assertEquals(new Command.DriveLock("c101", true, "lock audit by operator office"), h.last.getFirst());
        assertTrue(reply(h).accepted());
        assertTrue(h.state.testLocks().contains("c101"));
        h.apply(test("t2", "c101", false, "office"), 2_000);
        assertEquals(new Command.DriveLock("c101", false, "lock audit by operator office"), h.last.getFirst());
        assertTrue(h.state.testLocks().isEmpty());
    }

    @Test
    void a_test_lock_is_refused_outside_normal_and_to_operators_who_may_not_run_drills() {
        Harness h = Harness.east().lockdown(1_000).apply(test("t1", "c101", true, "office"), 2_000);
        assertFalse(reply(h).accepted());
        assertTrue(reply(h).reason().contains("only in NORMAL"), reply(h).reason());
        h = Harness.east().apply(test("t2", "c101", true, "janitor"), 1_000);
        assertFalse(reply(h).accepted());
        assertTrue(h.state.testLocks().isEmpty());
    }

    @Test
    void a_lockdown_ends_the_test_and_its_all_clear_does_not_bring_the_test_lock_back() {
        Harness h = Harness.east().apply(test("t1", "c102", true, "office"), 1_000).lockdown(2_000);
        assertTrue(h.state.testLocks().isEmpty());
        h.request("ac", Mode.NORMAL, Scope.SITE, false, "principal", 3_000);
        int i = h.machine.indexOf("c102").orElseThrow();
        assertFalse(h.state.doors().get(i).lockCommanded());
    }

    @Test
    void another_controllers_door_is_left_to_that_controller_and_a_finding_changes_nothing() {
        Harness h = Harness.east();
        ControllerState before = h.state;
        h.apply(test("t1", "c201", true, "office"), 1_000);
        assertTrue(h.last.isEmpty(), h.last.toString());
        h.apply(new Event.LockTested("c101", false, "bolt did not throw"), 1_000);
        assertTrue(h.last.isEmpty());
        assertEquals(before.doors(), h.state.doors());
    }
}
