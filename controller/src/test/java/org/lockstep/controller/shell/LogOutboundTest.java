package org.lockstep.controller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.DoorRole;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.ZoneMode;

/** The per-door limit on status lines in the log (issue 11: 558 MB of log in 7 minutes of chatter). */
class LogOutboundTest {
    private final List<String> info = new ArrayList<>();
    private final List<String> warn = new ArrayList<>();
    private long now = 1_000;
    private final LogOutbound log = new LogOutbound(() -> now, new LogOutbound.Lines() {
        @Override
        public void info(String line) {
            info.add(line);
        }

        @Override
        public void warn(String line) {
            warn.add(line);
        }
    });
    private long seq;

    private DoorView door(String id, DoorStatus status, String detail) {
        return new DoorView(id, "Room " + id, "east", DoorRole.CLASSROOM, status, status == DoorStatus.OPEN, false,
                now, ++seq, detail, false);
    }

    private void chatter(String id, int changes) {
        for (int i = 0; i < changes; i++) {
            log.door("c1", door(id, i % 2 == 0 ? DoorStatus.OPEN : DoorStatus.UNLOCKED, ""));
            now++;
        }
    }

    @Test
    void a_chattering_door_gets_its_first_ten_lines_a_minute_then_one_summary_with_the_count_and_its_status_now() {
        chatter("c104", 744);
        assertEquals(DoorLogLimit.LINES_PER_WINDOW, info.size(), "lines in the first minute");

        now = 1_000 + DoorLogLimit.WINDOW_MS;
        log.tick(now);

        assertEquals(DoorLogLimit.LINES_PER_WINDOW + 1, info.size());
        assertEquals("c1: door c104: 734 more status changes in the last 60 s, now UNLOCKED", info.getLast());
        log.tick(now + DoorLogLimit.WINDOW_MS);
        assertEquals(DoorLogLimit.LINES_PER_WINDOW + 1, info.size(), "a summary comes once");
    }

    @Test
    void after_its_summary_a_door_starts_a_new_window_with_ten_lines_again() {
        chatter("c104", 20);
        now += DoorLogLimit.WINDOW_MS;
        chatter("c104", 20); // the summary comes out first, then ten lines of the new window

        assertEquals(2 * DoorLogLimit.LINES_PER_WINDOW + 1, info.size());
        assertEquals("c1: door c104: 10 more status changes in the last 60 s, now UNLOCKED",
                info.get(DoorLogLimit.LINES_PER_WINDOW));
    }

    @Test
    void each_door_has_its_own_limit() {
        chatter("c104", 50);
        chatter("c105", 3);

        assertEquals(DoorLogLimit.LINES_PER_WINDOW + 3, info.size());
        assertTrue(info.getLast().startsWith("c1: door c105 "), info.getLast());
    }

    @Test
    void a_fault_or_a_lock_that_did_not_throw_is_logged_even_after_the_door_used_up_its_lines() {
        chatter("c104", 50);

        log.door("c1", door("c104", DoorStatus.FAULT, "contact wire cut"));
        log.door("c1", door("c104", DoorStatus.FAILED_TO_SECURE, "bolt did not throw"));
        log.door("c1", door("c104", DoorStatus.FORCED, ""));
        log.door("c1", door("c104", DoorStatus.PROPPED, "open for over 30 s"));
        log.door("c1", door("c104", DoorStatus.UNLOCKED, LockdownMachine.FIRE_RELEASED));

        assertEquals(DoorLogLimit.LINES_PER_WINDOW + 5, info.size());
        assertEquals("c1: door c104 (Room c104, zone east) FAULT: contact wire cut",
                info.get(DoorLogLimit.LINES_PER_WINDOW));
        assertTrue(info.getLast().contains("UNLOCKED: " + LockdownMachine.FIRE_RELEASED), info.getLast());
    }

    @Test
    void the_routine_locking_detail_of_every_lockdown_counts_against_the_limit() {
        for (int i = 0; i < 50; i++) {
            log.door("c1", door("c104", DoorStatus.UNLOCKED, "locking"));
            log.door("c1", door("c104", DoorStatus.SECURED, ""));
        }

        assertEquals(DoorLogLimit.LINES_PER_WINDOW, info.size());
    }

    @Test
    void zone_modes_and_alerts_are_never_limited() {
        chatter("c104", 50);
        for (int i = 0; i < 100; i++) {
            log.zone("c1", "east", new ZoneMode(Mode.LOCKDOWN, false, now, Optional.empty(), "", i));
            log.alert("c1", new Alert(Alert.Kind.DOOR_OPEN, "c104", "Room 104", "east", "open", false), now);
        }

        assertEquals(200, warn.size());
    }
}
