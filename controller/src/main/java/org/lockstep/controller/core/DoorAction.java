package org.lockstep.controller.core;

/** What a mode does to a door of a role. */
public enum DoorAction {
    LOCK,
    UNLOCK,
    /** Keep whatever the door was last told (e.g. classrooms stay locked when a lockdown steps down to secure). */
    LEAVE
}
