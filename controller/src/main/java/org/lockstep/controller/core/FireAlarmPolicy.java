package org.lockstep.controller.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** Door role → what an active fire alarm does to it, in every mode. */
public record FireAlarmPolicy(Map<DoorRole, FireAction> actions) {
    public FireAlarmPolicy {
        Objects.requireNonNull(actions, "actions");
        for (DoorRole role : DoorRole.values()) {
            if (!actions.containsKey(role)) {
                throw new IllegalArgumentException("fireAlarm." + role + " is missing");
            }
        }
        actions = Map.copyOf(new EnumMap<>(actions));
    }

    public FireAction actionFor(DoorRole role) {
        return actions.get(role);
    }

    /** The conservative default: a fire alarm changes no lock; the site must choose to release doors. */
    public static FireAlarmPolicy holdAll() {
        EnumMap<DoorRole, FireAction> m = new EnumMap<>(DoorRole.class);
        for (DoorRole role : DoorRole.values()) {
            m.put(role, FireAction.HOLD);
        }
        return new FireAlarmPolicy(m);
    }

    public FireAlarmPolicy with(DoorRole role, FireAction action) {
        EnumMap<DoorRole, FireAction> m = new EnumMap<>(actions);
        m.put(role, action);
        return new FireAlarmPolicy(m);
    }
}
