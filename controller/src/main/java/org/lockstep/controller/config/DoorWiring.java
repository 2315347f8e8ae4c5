package org.lockstep.controller.config;

import java.util.Objects;
import java.util.Optional;

import org.lockstep.hal.InputWiring;
import org.lockstep.hal.device.RelayWiring;

/** How one door is wired to its controller: the lock relay, the door-position contact and, if fitted, a bolt monitor. */
public record DoorWiring(String doorId, RelayWiring relay, InputWiring contact, Optional<InputWiring> bolt) {
    public DoorWiring {
        Objects.requireNonNull(doorId, "doorId");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(bolt, "bolt");
    }
}
