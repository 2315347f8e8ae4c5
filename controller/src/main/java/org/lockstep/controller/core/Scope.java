package org.lockstep.controller.core;

import java.util.Objects;

/** Where a mode applies: the whole site, or one zone. */
public sealed interface Scope {
    record Site() implements Scope {
        @Override
        public String toString() {
            return "site";
        }
    }

    record Zone(String zoneId) implements Scope {
        public Zone {
            Objects.requireNonNull(zoneId, "zoneId");
        }

        @Override
        public String toString() {
            return "zone " + zoneId;
        }
    }

    Scope SITE = new Site();

    static Scope zone(String zoneId) {
        return new Zone(zoneId);
    }

    default boolean covers(String zoneId) {
        return switch (this) {
            case Site s -> true;
            case Zone z -> z.zoneId().equals(zoneId);
        };
    }
}
