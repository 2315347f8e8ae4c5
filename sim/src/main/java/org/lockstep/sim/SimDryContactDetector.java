package org.lockstep.sim;

import java.util.Objects;
import java.util.Random;

/** A weapon detector with a relay output: a detection closes the contact for {@value #ACTIVE_MS} ms. */
public final class SimDryContactDetector implements ControllerWired {
    public static final long ACTIVE_MS = 200;

    private final BuildingPlan.DryContactDetectorSpec spec;
    private final VirtualClock clock;
    private final SimSwitch contact;
    private long triggerGeneration;

    public SimDryContactDetector(BuildingPlan.DryContactDetectorSpec spec, VirtualClock clock, Random random) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.contact = new SimSwitch(spec.id(), spec.wiring(), clock, random, false, false, false);
    }

    public String id() {
        return spec.id();
    }

    public String location() {
        return spec.location();
    }

    @Override
    public String controllerId() {
        return spec.controllerId();
    }

    public SimDigitalInput input() {
        return contact.port();
    }

    /** A detection: active now, released {@value #ACTIVE_MS} ms after the latest trigger. */
    public void trigger() {
        long generation = ++triggerGeneration;
        contact.set(true);
        clock.after(ACTIVE_MS, () -> {
            if (generation == triggerGeneration) {
                contact.set(false);
            }
        });
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
