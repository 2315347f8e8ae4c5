package org.lockstep.hal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.Pull;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DryContactDetectorTest {
    private final List<DeviceSignal> signals = new ArrayList<>();
    private final DryContactDetector detector =
            new DryContactDetector("wd1", "main entrance", new InputWiring(13, true, Pull.DOWN, 10), signals::add);

    private static DeviceSignal.WeaponDetected detected(long atMs) {
        return new DeviceSignal.WeaponDetected("wd1", "contact", 100, "main entrance", atMs);
    }

    @Test
    void an_idle_contact_at_start_reports_nothing() {
        detector.start(false, 0);
        assertEquals(List.of(), signals);
    }

    @Test
    void an_activation_is_reported_once_on_its_first_edge_with_where_it_happened() {
        detector.start(false, 0);
        detector.onEdge(true, 100);
        detector.onEdge(false, 102);
        detector.onEdge(true, 104);
        detector.poll(300);
        assertEquals(List.of(detected(100)), signals);
    }

    @Test
    void it_rearms_on_release() {
        detector.start(false, 0);
        detector.onEdge(true, 100);
        detector.onEdge(false, 300);
        detector.onEdge(true, 1000);
        assertEquals(List.of(detected(100), detected(1000)), signals);
    }

    @Test
    void staying_active_does_not_repeat_the_detection() {
        detector.start(false, 0);
        detector.onEdge(true, 100);
        detector.poll(100_000);
        assertEquals(List.of(detected(100)), signals);
    }

    @Test
    void a_contact_active_at_start_is_a_detection() {
        detector.start(true, 5);
        assertEquals(List.of(detected(5)), signals);
    }
}
