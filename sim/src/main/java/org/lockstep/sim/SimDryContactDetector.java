package org.lockstep.sim;

import java.util.Random;

/** A weapon detector with a relay output: a detection closes the contact for {@value #ACTIVE_MS} ms. */
public final class SimDryContactDetector extends SimContactDevice {
    public static final long ACTIVE_MS = 200;

    private final String location;

    public SimDryContactDetector(BuildingPlan.DryContactDetectorSpec spec, VirtualClock clock, Random random) {
        super(spec.id(), spec.controllerId(), spec.wiring(), clock, random, false);
        this.location = spec.location();
    }

    public String location() {
        return location;
    }

    /** A detection: active now, released {@value #ACTIVE_MS} ms after the latest trigger. */
    public void trigger() {
        pulse(ACTIVE_MS);
    }

    public boolean isActive() {
        return contactActive();
    }
}
