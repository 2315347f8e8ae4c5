package org.lockstep.sim;

import java.util.Random;

/** A panic button: a person presses it, holds it, lets go. The contact bounces on press and on release. */
public final class SimPanicButton extends SimContactDevice {
    /** Nobody holds a button for a minute; a longer hold is a test mistake. */
    public static final long MAX_HOLD_MS = 60_000;

    public SimPanicButton(BuildingPlan.PanicButtonSpec spec, VirtualClock clock, Random random) {
        super(spec.id(), spec.controllerId(), spec.wiring(), clock, random, true);
    }

    /** Presses now and releases {@code holdMs} later; a new press supersedes the release of an earlier one. */
    public void press(long holdMs) {
        if (holdMs < 0 || holdMs > MAX_HOLD_MS) {
            throw new IllegalArgumentException("holdMs must be 0.." + MAX_HOLD_MS + ", was " + holdMs);
        }
        pulse(holdMs);
    }

    public boolean isPressed() {
        return contactActive();
    }
}
