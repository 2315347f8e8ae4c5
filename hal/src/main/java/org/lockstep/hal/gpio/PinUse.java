package org.lockstep.hal.gpio;

import java.util.Objects;

/**
 * One pin claimed by one thing in the site configuration.
 *
 * @param owner what uses it, as the operator will recognise it (e.g. {@code door-101.lock}, {@code panic-office})
 * @param bcm BCM GPIO number
 */
public record PinUse(String owner, int bcm) {
    public PinUse {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
    }
}
