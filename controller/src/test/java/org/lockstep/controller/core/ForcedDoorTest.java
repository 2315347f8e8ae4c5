package org.lockstep.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue 9 #3: FORCED lasts as long as the forcing, and is alerted once. c102 has no bolt monitor. */
class ForcedDoorTest {
    private static long forcedAlerts(List<Command> commands) {
        return commands.stream().filter(c -> c instanceof Command.RaiseAlert a
                && a.alert().kind() == Alert.Kind.DOOR_FORCED).count();
    }

    private static Harness forcedInLockdown() {
        Harness h = Harness.east().lockdown(1_000).at(1_500);
        assertEquals(DoorStatus.SECURED, h.status("c102"));
        h.apply(new Event.ContactChanged("c102", true), 2_000);
        assertEquals(DoorStatus.FORCED, h.status("c102"));
        assertEquals(1, forcedAlerts(h.last));
        return h;
    }

    @Test
    void the_all_clear_ends_a_forcing_the_door_is_open_not_forced_and_nothing_is_alerted() {
        Harness h = forcedInLockdown();
        int before = h.all.size();
        h.request("ac", Mode.NORMAL, Scope.SITE, false, "principal", 3_000);
        assertEquals(DoorStatus.OPEN, h.status("c102"));
        assertEquals(0, forcedAlerts(h.all.subList(before, h.all.size())), "no DOOR_FORCED at the ALL CLEAR");
        h.at(3_000 + TestSites.GRACE_MS + 1);
        assertEquals(DoorStatus.PROPPED, h.status("c102"), "an unlocked door open too long is PROPPED, as any");
        assertEquals(0, forcedAlerts(h.all.subList(before, h.all.size())));
    }

    @Test
    void a_new_lockdown_with_the_door_still_open_reports_it_open_not_forced() {
        Harness h = forcedInLockdown();
        h.request("ac", Mode.NORMAL, Scope.SITE, false, "principal", 3_000);
        int before = h.all.size();
        h.lockdown(4_000).at(4_500);
        assertEquals(DoorStatus.OPEN, h.status("c102"), "it was never secured in this lockdown");
        assertEquals(0, forcedAlerts(h.all.subList(before, h.all.size())));
        assertTrue(h.all.subList(before, h.all.size()).stream().anyMatch(c -> c instanceof Command.RaiseAlert a
                && a.alert().kind() == Alert.Kind.DOOR_OPEN && a.alert().subjectId().equals("c102")));
    }

    @Test
    void one_alert_per_forcing_even_when_the_mode_changes_meanwhile() {
        Harness h = Harness.east().request("s", Mode.SECURE, Scope.SITE, false, "office", 1_000).settleBolts(1_500);
        assertEquals(DoorStatus.SECURED, h.status("x1"));
        h.apply(new Event.ContactChanged("x1", true), 2_000);
        assertEquals(DoorStatus.FORCED, h.status("x1"));
        int before = h.all.size();
        h.lockdown(2_100);
        assertEquals(DoorStatus.FORCED, h.status("x1"), "still the same forcing");
        assertEquals(0, forcedAlerts(h.all.subList(before, h.all.size())), "escalating does not alert it again");
    }

    @Test
    void closing_ends_the_forcing_and_the_next_opening_while_secured_is_a_new_one() {
        Harness h = forcedInLockdown();
        h.apply(new Event.ContactChanged("c102", false), 2_500).at(2_800);
        assertNotEquals(DoorStatus.FORCED, h.status("c102"));
        assertEquals(DoorStatus.SECURED, h.status("c102"));
        h.apply(new Event.ContactChanged("c102", true), 3_000);
        assertEquals(DoorStatus.FORCED, h.status("c102"));
        assertEquals(1, forcedAlerts(h.last), "a new forcing, a new alert");
    }
}
