package org.lockstep.sim;

import java.util.Objects;
import java.util.Random;

/** The fire-alarm panel's output relay. No bounce: the glitches that matter are injected by tests on purpose. */
public final class SimFireAlarm implements ControllerWired {
    private final BuildingPlan.FireAlarmSpec spec;
    private final SimSwitch contact;

    public SimFireAlarm(BuildingPlan.FireAlarmSpec spec, VirtualClock clock, Random random) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.contact = new SimSwitch(spec.id(), spec.wiring(), clock, random, false, false, false);
    }

    public String id() {
        return spec.id();
    }

    @Override
    public String controllerId() {
        return spec.controllerId();
    }

    public SimDigitalInput input() {
        return contact.port();
    }

    public void activate() {
        contact.set(true);
    }

    public void clear() {
        contact.set(false);
    }

    public boolean isActive() {
        return contact.active();
    }

    @Override
    public void powerCut() {
        contact.powerCut();
    }

    @Override
    public void powerRestore() {
        contact.powerRestore();
    }
}
