package org.lockstep.hal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
class PanicButtonTest {
    private static final long DEBOUNCE_MS = 20;
    private static final InputWiring PRESSED_LOW = new InputWiring(5, false, Pull.UP, DEBOUNCE_MS);
    private static final boolean DOWN = false;
    private static final boolean UP = true;

    private final List<DeviceSignal> signals = new ArrayList<>();

    private PanicButton button(PanicGuard guard) {
        PanicButton b = new PanicButton("pb1", PRESSED_LOW, guard, signals::add);
        b.start(UP, 0);
        return b;
    }

    private static DeviceSignal.PanicTriggered triggered(long atMs) {
        return new DeviceSignal.PanicTriggered("pb1", atMs);
    }

    @Test
    void start_with_the_button_up_reports_nothing() {
        button(new PanicGuard.Hold(1000));
        assertEquals(List.of(), signals);
    }

    @Test
    void a_panic_press_released_before_holdMs_never_triggers() {
        PanicButton b = button(new PanicGuard.Hold(1000));
        b.onEdge(DOWN, 100);
        b.poll(500);
        b.onEdge(UP, 1099);
        b.poll(5000);
        assertEquals(List.of(), signals);
        assertEquals(OptionalLong.empty(), b.nextDeadlineMs());
    }

    @Test
    void a_press_held_for_holdMs_triggers_once_stamped_at_the_deadline() {
        PanicButton b = button(new PanicGuard.Hold(1000));
        b.onEdge(DOWN, 100);
        assertEquals(OptionalLong.of(100 + DEBOUNCE_MS), b.nextDeadlineMs());
        b.poll(120);
        assertEquals(OptionalLong.of(1100), b.nextDeadlineMs());
        b.poll(1100);
        b.poll(9000);
        assertEquals(List.of(triggered(1100)), signals);
    }

    @Test
    void the_button_must_be_released_before_it_can_trigger_again() {
        PanicButton b = button(new PanicGuard.Hold(1000));
        b.onEdge(DOWN, 100);
        b.poll(1100);
        b.poll(3000);
        b.onEdge(UP, 3000);
        b.onEdge(DOWN, 4000);
        b.poll(5000);
        assertEquals(List.of(triggered(1100), triggered(5000)), signals);
    }

    @Test
    void a_bouncing_contact_does_not_restart_the_hold() {
        PanicButton b = button(new PanicGuard.Hold(1000));
        b.onEdge(DOWN, 100);
        b.onEdge(UP, 103);
        b.onEdge(DOWN, 106);
        b.poll(1100);
        assertEquals(List.of(triggered(1100)), signals);
    }

    @Test
    void a_hold_of_zero_triggers_on_the_press() {
        PanicButton b = button(new PanicGuard.Hold(0));
        b.onEdge(DOWN, 100);
        assertEquals(List.of(triggered(100)), signals);
    }

    @Test
    void a_button_held_through_a_restart_is_timed_from_the_start() {
        PanicButton b = new PanicButton("pb1", PRESSED_LOW, new PanicGuard.Hold(1000), signals::add);
        b.start(DOWN, 50);
        b.poll(1049);
        assertEquals(List.of(), signals);
        b.poll(1050);
        assertEquals(List.of(triggered(1050)), signals);
    }

    @Test
    void a_late_poll_still_triggers_a_hold_that_ended_before_a_release_concluded_by_the_filter() {
        // holdMs shorter than the debounce window: judged on the debounced state, whenever the owner polls
        PanicButton b = button(new PanicGuard.Hold(10));
        b.onEdge(DOWN, 100);
        b.onEdge(UP, 115);
        b.poll(500);
        assertEquals(List.of(triggered(110)), signals);
    }

    @ParameterizedTest(name = "{0} presses at {1} with count 3 in 1000 ms trigger {2} time(s)")
    @CsvSource(delimiter = ';', value = {
        "three quick;    0 300 600;              1",
        "three spread;   0 600 1200;             0",
        "two;            0 300;                  0",
        "six quick;      0 100 200 300 400 500;  2",
        "late third;     0 900 1000 1950;        1",
    })
    void the_nth_press_within_the_window_triggers(String name, String pressTimes, int triggers) {
        PanicButton b = button(new PanicGuard.Presses(3, 1000));
        for (String t : pressTimes.trim().split("\\s+")) {
            long at = 100 + Long.parseLong(t);
            b.poll(at);
            b.onEdge(DOWN, at);
            b.poll(at + 50);
            b.onEdge(UP, at + 50);
        }
        assertEquals(triggers, signals.size(), signals.toString());
    }

    @Test
    void a_bouncing_press_counts_as_one_press() {
        PanicButton b = button(new PanicGuard.Presses(2, 1000));
        for (long t = 100; t < 110; t += 2) {
            b.onEdge(DOWN, t);
            b.onEdge(UP, t + 1);
        }
        b.poll(2000);
        assertEquals(List.of(), signals);
    }

    @Test
    void the_press_that_completes_the_count_is_the_trigger_time() {
        PanicButton b = button(new PanicGuard.Presses(2, 1000));
        b.onEdge(DOWN, 100);
        b.onEdge(UP, 200);
        b.onEdge(DOWN, 400);
        assertEquals(List.of(triggered(400)), signals);
    }
}
