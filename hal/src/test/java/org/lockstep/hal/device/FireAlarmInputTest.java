package org.lockstep.hal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.Pull;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FireAlarmInputTest {
    private static final long SETTLE_MS = 500;
    private final List<DeviceSignal> signals = new ArrayList<>();
    private final FireAlarmInput fire =
            new FireAlarmInput("fa1", new InputWiring(6, true, Pull.DOWN, SETTLE_MS), signals::add);

    private static DeviceSignal.FireAlarmChanged changed(boolean active, long atMs) {
        return new DeviceSignal.FireAlarmChanged("fa1", active, atMs);
    }

    @Test
    void start_reports_the_initial_state() {
        fire.start(true, 7);
        assertEquals(List.of(changed(true, 7)), signals);
        assertTrue(fire.isActive());
    }

    @Test
    void a_glitch_shorter_than_the_settle_time_is_never_reported() {
        fire.start(false, 0);
        fire.onEdge(true, 1000);
        fire.onEdge(false, 1000 + SETTLE_MS - 1);
        fire.poll(10_000);
        assertEquals(List.of(changed(false, 0)), signals);
        assertEquals(OptionalLong.empty(), fire.nextDeadlineMs());
    }

    @Test
    void a_level_that_holds_for_the_settle_time_is_reported_when_it_has_held() {
        fire.start(false, 0);
        fire.onEdge(true, 1000);
        assertEquals(OptionalLong.of(1000 + SETTLE_MS), fire.nextDeadlineMs());
        fire.poll(1000 + SETTLE_MS - 1);
        assertEquals(List.of(changed(false, 0)), signals);
        fire.poll(4000);
        assertEquals(List.of(changed(false, 0), changed(true, 1000 + SETTLE_MS)), signals);
    }

    @Test
    void a_glitch_during_an_active_alarm_does_not_clear_it() {
        fire.start(true, 0);
        fire.onEdge(false, 1000);
        fire.onEdge(true, 1100);
        fire.poll(5000);
        assertEquals(List.of(changed(true, 0)), signals);
    }

    @Test
    void a_chattering_line_settles_from_its_last_change() {
        fire.start(false, 0);
        fire.onEdge(true, 1000);
        fire.onEdge(false, 1200);
        fire.onEdge(true, 1300);
        fire.poll(1799);
        assertEquals(1, signals.size());
        fire.poll(1800);
        assertEquals(changed(true, 1800), signals.get(1));
    }

    @Test
    void without_a_settle_time_a_change_counts_at_once() {
        FireAlarmInput f = new FireAlarmInput("fa1", new InputWiring(6, true, Pull.DOWN, 0), signals::add);
        f.start(false, 0);
        f.onEdge(true, 10);
        assertEquals(List.of(changed(false, 0), changed(true, 10)), signals);
    }
}
