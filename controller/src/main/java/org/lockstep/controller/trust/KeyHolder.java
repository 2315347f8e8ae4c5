package org.lockstep.controller.trust;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Permission;

/**
 * Someone or something that signs: an operator, an office console device, or a controller.
 *
 * @param permissions what a command signed by this key may ask for; a console is INITIATE only, a controller signs
 *        peer messages and no commands
 * @param zones the zones this holder's commands may name; empty for no limit (a limited holder may not address the
 *        whole site)
 */
public record KeyHolder(String id, Kind kind, Ed25519PublicKey key, Set<Permission> permissions,
        Optional<Set<String>> zones) {
    public enum Kind {
        OPERATOR, CONSOLE, CONTROLLER
    }

    public KeyHolder {
        Ids.require("holder", id);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        zones = zones.map(Set::copyOf);
        if (kind == Kind.CONSOLE && !permissions.equals(Set.of(Permission.INITIATE))) {
            throw new IllegalArgumentException("a console device may only INITIATE; found " + permissions);
        }
        if (kind == Kind.CONTROLLER && !permissions.isEmpty()) {
            throw new IllegalArgumentException("a controller's key signs peer messages, not commands");
        }
    }

    public boolean may(Permission p) {
        return permissions.contains(p);
    }

    /** A site-wide command ({@code zone} empty) needs a holder without a zone limit. */
    public boolean mayAddress(Optional<String> zone) {
        return zones.isEmpty() || zone.filter(z -> zones.get().contains(z)).isPresent();
    }
}
