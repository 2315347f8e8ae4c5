package org.lockstep.sim;

import java.util.Random;

/** The fire-alarm panel's output relay. No bounce: the glitches that matter are injected by tests on purpose. */
public final class SimFireAlarm extends SimContactDevice {
    public SimFireAlarm(BuildingPlan.FireAlarmSpec spec, VirtualClock clock, Random random) {
        super(spec.id(), spec.controllerId(), spec.wiring(), clock, random, false);
    }

    public void activate() {
        set(true);
    }

    public void clear() {
        set(false);
    }

    public boolean isActive() {
        return contactActive();
    }
}
