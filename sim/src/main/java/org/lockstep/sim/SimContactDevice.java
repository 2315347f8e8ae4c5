package org.lockstep.sim;

import java.util.Objects;

import org.lockstep.hal.InputWiring;

/**
 * A device that is one contact on one controller input (a panic button, a fire-alarm panel output, a detector's
 * relay): the port, power cuts, and a contact that can be held or pulsed. Each device names what its contact means.
 */
abstract class SimContactDevice implements ControllerWired {
    private final String id;
    private final String controllerId;
    private final VirtualClock clock;
    private final SimSwitch contact;
    private long pulseGeneration;

    SimContactDevice(String id, String controllerId, InputWiring wiring, VirtualClock clock, java.util.Random random,
            boolean bounces) {
        this.id = Objects.requireNonNull(id, "id");
        this.controllerId = Objects.requireNonNull(controllerId, "controllerId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.contact = new SimSwitch(id, wiring, clock, random, bounces, false, false);
    }

    public final String id() {
        return id;
    }

    @Override
    public final String controllerId() {
        return controllerId;
    }

    public final SimDigitalInput input() {
        return contact.port();
    }

    /** Active now, released {@code ms} later; a new pulse supersedes the release of an earlier one. */
    final void pulse(long ms) {
        long generation = ++pulseGeneration;
        contact.set(true);
        clock.after(ms, () -> {
            if (generation == pulseGeneration) {
                contact.set(false);
            }
        });
    }

    final void set(boolean active) {
        pulseGeneration++; // a held contact is not released by an earlier pulse's timer
        contact.set(active);
    }

    final boolean contactActive() {
        return contact.active();
    }

    @Override
    public final void powerCut() {
        contact.powerCut();
    }

    @Override
    public final void powerRestore() {
        contact.powerRestore();
    }
}
