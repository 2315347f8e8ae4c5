package org.lockstep.sim;

import java.util.Objects;
import java.util.Random;

/** A panic button: a person presses it, holds it, lets go. The contact bounces on press and on release. */
public final class SimPanicButton implements ControllerWired {
    /** Nobody holds a button for a minute; a longer hold is a test mistake. */
    public static final long MAX_HOLD_MS = 60_000;

    private final BuildingPlan.PanicButtonSpec spec;
    private final VirtualClock clock;
    private final SimSwitch contact;
    private long pressGeneration;

    public SimPanicButton(BuildingPlan.PanicButtonSpec spec, VirtualClock clock, Random random) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.contact = new SimSwitch(spec.id(), spec.wiring(), clock, random, true, false, false);
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

    /** Presses now and releases {@code holdMs} later; a new press supersedes the release of an earlier one. */
    public void press(long holdMs) {
        if (holdMs < 0 || holdMs > MAX_HOLD_MS) {
            throw new IllegalArgumentException("holdMs must be 0.." + MAX_HOLD_MS + ", was " + holdMs);
        }
        long generation = ++pressGeneration;
        contact.set(true);
        clock.after(holdMs, () -> {
            if (generation == pressGeneration) {
                contact.set(false);
            }
        });
    }

    public boolean isPressed() {
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
