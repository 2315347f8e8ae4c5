package org.lockstep.controller.trust;

import java.util.Objects;
import java.util.Optional;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Scope;

/**
 * What a decoded command asks for, as far as trust is concerned: who signs, its id (the nonce), the action, and the
 * zone it names (empty for the whole site).
 */
public record CommandClaim(String holderId, String requestId, Action action, boolean drill, Optional<String> zone) {
    public enum Action {
        LOCKDOWN, SECURE, ALL_CLEAR, LOCK_TEST, LOCK_TESTED, COMMISSIONED
    }

    public CommandClaim {
        Ids.require("holder", holderId);
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(zone, "zone");
    }

    public static CommandClaim of(Event.ModeRequested r) {
        Action action = switch (r.mode()) {
            case LOCKDOWN -> Action.LOCKDOWN;
            case SECURE -> Action.SECURE;
            case NORMAL -> Action.ALL_CLEAR;
        };
        Optional<String> zone = switch (r.scope()) {
            case Scope.Site s -> Optional.empty();
            case Scope.Zone z -> Optional.of(z.zoneId());
        };
        return new CommandClaim(r.source().id(), r.requestId(), action, r.drill(), zone);
    }

    /** True for the one action a valid signature alone is enough for, whatever the clock says. */
    public boolean isRealLockdown() {
        return action == Action.LOCKDOWN && !drill;
    }

}
