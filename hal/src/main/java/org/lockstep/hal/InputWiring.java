package org.lockstep.hal;

import java.util.Objects;

/**
 * How a digital input is wired.
 *
 * @param pin BCM GPIO number
 * @param activeHigh whether a high level means "active" (door open, bolt thrown, button pressed, alarm on)
 * @param pull bias resistor
 * @param debounceMs the filter window; 0 for none
 */
public record InputWiring(int pin, boolean activeHigh, Pull pull, long debounceMs) {
    public InputWiring {
        Objects.requireNonNull(pull, "pull");
        if (pin < 0) {
            throw new IllegalArgumentException("input pin must be >= 0, was " + pin);
        }
        if (debounceMs < 0 || debounceMs > 10_000) {
            throw new IllegalArgumentException("debounceMs must be 0..10000, was " + debounceMs);
        }
    }

    public boolean isActive(boolean level) {
        return level == activeHigh;
    }

    public boolean levelFor(boolean active) {
        return active == activeHigh;
    }
}
