package org.lockstep.controller.core;

import java.util.Objects;

/**
 * Something a person must see. Door alerts name the door, its room and its zone.
 *
 * @param subjectId the door, detector or device the alert is about
 * @param drill raised while the subject's zone was in a drill
 */
public record Alert(Kind kind, String subjectId, String room, String zone, String detail, boolean drill) {
    public enum Kind {
        DOOR_OPEN,
        DOOR_PROPPED,
        DOOR_FORCED,
        DOOR_FAILED_TO_SECURE,
        DOOR_FAULT,
        WEAPON_DETECTED,
        DETECTOR_OFFLINE,
        DETECTOR_ONLINE,
        DEVICE_FAULT,
        FIRE_ALARM,
        FIRE_ALARM_CLEARED
    }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(detail, "detail");
    }

    public static Kind kindFor(DoorStatus status) {
        return switch (status) {
            case OPEN -> Kind.DOOR_OPEN;
            case PROPPED -> Kind.DOOR_PROPPED;
            case FORCED -> Kind.DOOR_FORCED;
            case FAILED_TO_SECURE -> Kind.DOOR_FAILED_TO_SECURE;
            case FAULT, OFFLINE -> Kind.DOOR_FAULT;
            case SECURED, UNLOCKED -> throw new IllegalArgumentException("no alert for " + status);
        };
    }
}
