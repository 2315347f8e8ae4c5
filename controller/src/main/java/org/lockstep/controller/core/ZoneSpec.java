package org.lockstep.controller.core;

import java.util.Objects;

/** A zone (a wing, a floor, the gym): the unit a SECURE or LOCKDOWN can be scoped to and released by. */
public record ZoneSpec(String id, String name) {
    public ZoneSpec {
        Ids.require("zone.id", id);
        Objects.requireNonNull(name, "name");
    }
}
