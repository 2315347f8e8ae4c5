package org.lockstep.controller.core;

/** What an operator listed in the site file may do. Until commands are signed, the operator id is trusted as given. */
public enum Permission {
    /** Start SECURE or LOCKDOWN, or escalate. */
    INITIATE,
    /** Give the ALL CLEAR or step a lockdown down to SECURE. */
    ALL_CLEAR,
    /** Start and end drills. */
    DRILL
}
