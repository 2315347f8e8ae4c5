package org.lockstep.controller.core;

/** What an active fire alarm does to a door of a role: a site decision from its risk assessment, not a constant. */
public enum FireAction {
    /** Unlock while the alarm is active, whatever the mode (egress stays mechanical either way). */
    UNLOCK,
    /** Keep the mode's lock state. */
    HOLD
}
