package org.lockstep.hal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.Pull;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BoltMonitorTest {
    // Active-low: the strike switch pulls the pin to ground when the bolt is in it.
    private final InputWiring wiring = new InputWiring(22, false, Pull.UP, 15);
    private final List<DeviceSignal> signals = new ArrayList<>();
    private final BoltMonitor bolt = new BoltMonitor("d1", wiring, signals::add);

    @Test
    void start_reports_the_bolt_position_through_the_wiring() {
        bolt.start(false, 3);
        assertEquals(List.of(new DeviceSignal.BoltChanged("d1", true, 3)), signals);
        assertTrue(bolt.isThrown());
    }

    @Test
    void a_bolt_dropping_out_is_reported_on_its_first_edge_and_its_bounce_is_swallowed() {
        bolt.start(false, 0);
        bolt.onEdge(true, 500);
        bolt.onEdge(false, 502);
        bolt.onEdge(true, 504);
        bolt.poll(600);
        assertEquals(List.of(new DeviceSignal.BoltChanged("d1", true, 0), new DeviceSignal.BoltChanged("d1", false, 500)),
                signals);
    }
}
