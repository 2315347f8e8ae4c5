package org.lockstep.sim;

import java.util.Optional;

import org.lockstep.hal.InputWiring;
import org.lockstep.hal.Pull;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.RelayWiring;

/** Wiring used across the sim tests. */
final class Wiring {
    static final long ACTUATION_MS = 300;
    static final long DEBOUNCE_MS = 20;
    static final InputWiring CONTACT_OPEN_HIGH = new InputWiring(17, true, Pull.UP, DEBOUNCE_MS);
    static final InputWiring BOLT_ENGAGED_LOW = new InputWiring(27, false, Pull.UP, DEBOUNCE_MS);
    static final InputWiring BUTTON_PRESSED_LOW = new InputWiring(5, false, Pull.UP, DEBOUNCE_MS);
    static final InputWiring ACTIVE_HIGH = new InputWiring(6, true, Pull.DOWN, DEBOUNCE_MS);

    private Wiring() {}

    static BuildingPlan.DoorSpec door(String id, String controllerId, FailMode mode, boolean relayActiveHigh) {
        return new BuildingPlan.DoorSpec(id, controllerId, new RelayWiring(18, relayActiveHigh, mode),
                CONTACT_OPEN_HIGH, Optional.of(BOLT_ENGAGED_LOW), ACTUATION_MS);
    }
}
