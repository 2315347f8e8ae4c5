package org.lockstep.controller.core;

/**
 * A zone's response mode, from the Standard Response Protocol, ordered by severity: a request for a more severe mode
 * escalates; a request for a less severe one de-escalates and needs an operator allowed to give the all clear.
 * HOLD and SHELTER can be added here later: they only need a row in the response plan.
 */
public enum Mode {
    NORMAL,
    /** Threat outside: the perimeter is locked, classes carry on. Also called lockout. */
    SECURE,
    /** Threat inside or near: every controlled door is locked. */
    LOCKDOWN;

    public boolean moreSevereThan(Mode other) {
        return compareTo(other) > 0;
    }
}
