package org.lockstep.controller.core;

import java.util.Objects;

/** One controller box; it runs the doors, buttons and detectors assigned to its id. */
public record ControllerSpec(String id, String name) {
    public ControllerSpec {
        Ids.require("controller.id", id);
        Objects.requireNonNull(name, "name");
    }
}
