package org.lockstep.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 9 #7: what LOCKDOWN → SECURE does is the plan's to say, per role; the default is SRP's. */
class StepDownTest {
    @Test
    void by_default_a_step_down_to_secure_returns_classrooms_to_normal_and_keeps_the_perimeter_locked() {
        Harness h = Harness.east().lockdown(1_000);
        assertTrue(h.door("c101").lockCommanded() && h.door("c102").lockCommanded());
        h.request("down", Mode.SECURE, Scope.SITE, false, "principal", 2_000);
        assertEquals(Mode.SECURE, h.mode("east"));
        assertFalse(h.door("c101").lockCommanded(), "classes carry on in SECURE");
        assertFalse(h.door("c102").lockCommanded());
        assertTrue(h.door("x1").lockCommanded(), "the perimeter stays locked");
        assertTrue(h.drives().stream().anyMatch(d -> d.doorId().equals("c101") && !d.lock()
                && d.cause().contains("SECURE by operator principal")), h.drives().toString());
        h.at(10_000);
        assertFalse(h.door("c101").lockCommanded(), "LEAVE then keeps what the step-down chose");
    }

    @Test
    void a_role_the_plan_says_stays_locked_stays_locked() {
        ResponsePlan plan = ResponsePlan.standard().withStepDown(DoorRole.CLASSROOM, StepDown.STAY_LOCKED);
        Harness h = new Harness(TestSites.small(plan), "east-ctl").lockdown(1_000);
        h.request("down", Mode.SECURE, Scope.SITE, false, "principal", 2_000);
        assertTrue(h.door("c101").lockCommanded());
        assertTrue(h.door("c102").lockCommanded());
    }

    @Test
    void secure_from_normal_leaves_classrooms_as_they_were() {
        Harness h = Harness.east().request("s", Mode.SECURE, Scope.SITE, false, "office", 1_000);
        assertFalse(h.door("c101").lockCommanded());
        assertTrue(h.door("x1").lockCommanded());
    }

    @Test
    void a_restart_in_secure_with_a_plan_edited_to_unlock_keeps_the_locked_doors_locked() {
        ResponsePlan stay = ResponsePlan.standard().withStepDown(DoorRole.CLASSROOM, StepDown.STAY_LOCKED);
        Harness h = new Harness(TestSites.small(stay), "east-ctl").lockdown(1_000);
        h.request("down", Mode.SECURE, Scope.SITE, false, "principal", 2_000);
        assertTrue(h.door("c101").lockCommanded());
        // Restarted with a site file whose SECURE plan now says UNLOCK for classrooms.
        LockdownMachine edited = new LockdownMachine(
                TestSites.small(ResponsePlan.standard().with(Mode.SECURE, DoorRole.CLASSROOM, DoorAction.UNLOCK)),
                "east-ctl");
        ControllerState after = edited.apply(h.state, new Event.ControllerStarted(), 3_000).state();
        assertTrue(after.doors().get(edited.indexOf("c101").orElseThrow()).lockCommanded(),
                "nothing unlocks because of an edit");
    }

    @Test
    void after_a_restart_under_a_plan_edited_to_return_classrooms_to_normal_the_next_event_unlocks_nothing() {
        ResponsePlan stay = ResponsePlan.standard().withStepDown(DoorRole.CLASSROOM, StepDown.STAY_LOCKED);
        Harness h = new Harness(TestSites.small(stay), "east-ctl").lockdown(1_000);
        h.request("down", Mode.SECURE, Scope.SITE, false, "principal", 2_000);
        // Restarted with the default plan, whose step-down returns classrooms to NORMAL: that is for a step-down,
        // and the restart is not one.
        LockdownMachine edited = new LockdownMachine(TestSites.small(), "east-ctl");
        int c101 = edited.indexOf("c101").orElseThrow();
        ControllerState after = edited.apply(h.state, new Event.ControllerStarted(), 3_000).state();
        assertTrue(after.doors().get(c101).lockCommanded());
        LockdownMachine.Transition next = edited.apply(after, new Event.TimeAdvanced(), 4_000);
        assertTrue(next.state().doors().get(c101).lockCommanded(), "nothing unlocks because of an edit");
        assertTrue(next.commands().stream().noneMatch(Command.DriveLock.class::isInstance), next.commands().toString());
    }
}
