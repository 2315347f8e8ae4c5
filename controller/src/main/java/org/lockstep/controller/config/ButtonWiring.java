package org.lockstep.controller.config;

import java.util.Objects;

import org.lockstep.hal.InputWiring;
import org.lockstep.hal.device.PanicGuard;

/** A panic button's input and what it takes to count as pressed. */
public record ButtonWiring(InputWiring input, PanicGuard guard) {
    public ButtonWiring {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(guard, "guard");
    }
}
