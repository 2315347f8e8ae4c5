package org.lockstep.controller.core;

import java.util.Objects;

/** A panic button: a trusted source that starts a lockdown of its scope. */
public record PanicButtonSpec(String id, String controller, String location, Scope scope) {
    public PanicButtonSpec {
        Ids.require("panicButton.id", id);
        Ids.require("panicButton.controller", controller);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(scope, "scope");
    }
}
