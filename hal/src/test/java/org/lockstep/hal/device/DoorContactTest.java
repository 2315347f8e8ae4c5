package org.lockstep.hal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.Pull;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DoorContactTest {
    private static final long DEBOUNCE_MS = 20;
    private static final InputWiring OPEN_HIGH = new InputWiring(17, true, Pull.UP, DEBOUNCE_MS);
    private static final boolean OPEN = true;
    private static final boolean CLOSED = false;

    private final List<DeviceSignal> signals = new ArrayList<>();
    private final DoorContact contact = new DoorContact("d1", OPEN_HIGH, signals::add);

    private static DeviceSignal.ContactChanged changed(boolean open, long atMs) {
        return new DeviceSignal.ContactChanged("d1", open, atMs);
    }

    @ParameterizedTest(name = "level {1} with activeHigh {0} starts as open={2}")
    @CsvSource({"true, true, true", "true, false, false", "false, true, false", "false, false, true"})
    void start_reports_the_initial_position_through_the_wiring(boolean activeHigh, boolean level, boolean open) {
        List<DeviceSignal> out = new ArrayList<>();
        DoorContact c = new DoorContact("d1", new InputWiring(4, activeHigh, Pull.NONE, 10), out::add);
        c.start(level, 5);
        assertEquals(List.of(changed(open, 5)), out);
        assertEquals(open, c.isOpen());
    }

    @Test
    void the_first_opening_edge_is_reported_at_once_with_its_own_time() {
        contact.start(CLOSED, 0);
        contact.onEdge(OPEN, 1000);
        assertEquals(List.of(changed(CLOSED, 0), changed(OPEN, 1000)), signals);
        assertTrue(contact.isOpen());
    }

    @Test
    void a_bounce_train_after_opening_yields_exactly_one_ContactChanged() {
        contact.start(CLOSED, 0);
        signals.clear();
        long t = 1000;
        for (boolean level : new boolean[] {OPEN, CLOSED, OPEN, CLOSED, OPEN}) {
            contact.onEdge(level, t++);
        }
        contact.poll(t + DEBOUNCE_MS * 3);
        assertEquals(List.of(changed(OPEN, 1000)), signals);
    }

    @Test
    void a_level_that_settles_differently_by_the_end_of_the_window_is_reported_when_the_window_ends() {
        contact.start(CLOSED, 0);
        contact.onEdge(OPEN, 1000);
        contact.onEdge(CLOSED, 1005); // closed again within the window: swallowed for now
        assertEquals(OptionalLong.of(1000 + DEBOUNCE_MS), contact.nextDeadlineMs());
        contact.poll(1000 + DEBOUNCE_MS);
        assertEquals(List.of(changed(CLOSED, 0), changed(OPEN, 1000), changed(CLOSED, 1020)), signals);
        assertFalse(contact.isOpen());
    }

    @Test
    void a_catch_up_report_opens_a_new_window_so_its_own_bounce_is_swallowed() {
        contact.start(CLOSED, 0);
        contact.onEdge(OPEN, 1000);
        contact.onEdge(CLOSED, 1005);
        contact.poll(1020);
        contact.onEdge(OPEN, 1025);
        assertEquals(OptionalLong.of(1040), contact.nextDeadlineMs());
        contact.onEdge(CLOSED, 1030);
        contact.poll(1040);
        assertEquals(List.of(changed(CLOSED, 0), changed(OPEN, 1000), changed(CLOSED, 1020)), signals);
    }

    @Test
    void a_level_back_at_the_reported_state_when_the_window_ends_reports_nothing_more() {
        contact.start(CLOSED, 0);
        contact.onEdge(OPEN, 1000);
        contact.onEdge(CLOSED, 1003);
        contact.onEdge(OPEN, 1007);
        contact.poll(1020);
        assertEquals(List.of(changed(CLOSED, 0), changed(OPEN, 1000)), signals);
        assertEquals(OptionalLong.empty(), contact.nextDeadlineMs());
    }

    @Test
    void a_late_poll_reports_the_same_times_as_a_punctual_one() {
        contact.start(CLOSED, 0);
        contact.onEdge(OPEN, 1000);
        contact.onEdge(CLOSED, 1005);
        contact.poll(5000);
        assertEquals(List.of(changed(CLOSED, 0), changed(OPEN, 1000), changed(CLOSED, 1020)), signals);
    }

    @Test
    void an_edge_after_an_unpolled_window_first_closes_that_window() {
        contact.start(CLOSED, 0);
        contact.onEdge(OPEN, 1000);
        contact.onEdge(CLOSED, 1005);
        contact.onEdge(OPEN, 2000); // nobody polled at 1020
        assertEquals(List.of(changed(CLOSED, 0), changed(OPEN, 1000), changed(CLOSED, 1020), changed(OPEN, 2000)),
                signals);
    }

    @Test
    void without_a_debounce_window_every_change_is_reported() {
        List<DeviceSignal> out = new ArrayList<>();
        DoorContact c = new DoorContact("d1", new InputWiring(4, true, Pull.NONE, 0), out::add);
        c.start(CLOSED, 0);
        c.onEdge(OPEN, 1);
        c.onEdge(CLOSED, 2);
        assertEquals(List.of(changed(CLOSED, 0), changed(OPEN, 1), changed(CLOSED, 2)), out);
        assertEquals(OptionalLong.empty(), c.nextDeadlineMs());
    }

    @Test
    void a_repeated_level_is_not_a_change() {
        contact.start(CLOSED, 0);
        contact.onEdge(CLOSED, 100);
        assertEquals(List.of(changed(CLOSED, 0)), signals);
        assertEquals(OptionalLong.empty(), contact.nextDeadlineMs());
    }
}
