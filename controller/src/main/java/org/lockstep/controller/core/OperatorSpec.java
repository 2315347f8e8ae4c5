package org.lockstep.controller.core;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A person allowed to send commands, with what they may do. */
public record OperatorSpec(String id, String name, Set<Permission> permissions) {
    public OperatorSpec {
        Ids.require("operator.id", id);
        Objects.requireNonNull(name, "name");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
