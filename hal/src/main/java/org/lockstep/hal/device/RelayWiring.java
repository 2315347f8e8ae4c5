package org.lockstep.hal.device;

import java.util.Objects;

/**
 * How a lock relay is wired.
 *
 * @param pin BCM GPIO number
 * @param activeHigh whether a high pin level energises the relay (many relay boards are active-low)
 * @param failMode what the lock does unpowered
 */
public record RelayWiring(int pin, boolean activeHigh, FailMode failMode) {
    public RelayWiring {
        Objects.requireNonNull(failMode, "failMode");
        if (pin < 0) {
            throw new IllegalArgumentException("relay pin must be >= 0, was " + pin);
        }
    }

    /** The pin level that energises the relay. */
    public boolean energisedLevel() {
        return activeHigh;
    }

    /** The pin level that makes the lock locked. */
    public boolean lockedLevel() {
        return failMode.energiseToLock() == activeHigh;
    }

    /** The pin level that leaves the relay de-energised: the state a power cut leaves it in, and the safe start. */
    public boolean deEnergisedLevel() {
        return !activeHigh;
    }
}
