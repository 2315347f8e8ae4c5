package org.lockstep.controller.core;

/**
 * What a door whose plan says LEAVE does when its zone steps down to a less severe mode other than NORMAL (LOCKDOWN
 * to SECURE): LEAVE would otherwise mean "locked" after a lockdown and "unlocked" after NORMAL.
 */
public enum StepDown {
    /** The door stays as the more severe mode left it (locked after a lockdown). */
    STAY_LOCKED,
    /** The door returns to its NORMAL plan (Standard Response Protocol: classes carry on in SECURE). */
    NORMAL_PLAN
}
