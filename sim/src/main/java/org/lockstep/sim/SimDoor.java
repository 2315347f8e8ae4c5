package org.lockstep.sim;

import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.RelayWiring;

/**
 * The physical truth of one door: the leaf, the lock's relay and bolt, the reed switch and the optional bolt monitor.
 *
 * <ul>
 *   <li>Relay: energised when its pin is at the wiring's energised level (a power cut de-energises it). The bolt's
 *       target follows from the fail mode (fail-safe: energised = locked) and the bolt reaches it
 *       {@code actuationMs} after the relay changed; a later change supersedes a move still under way.
 *   <li>{@link #boltEngaged()}: bolt extended and leaf closed. A bolt thrown while the door is open engages when it
 *       closes (it is a latch).
 *   <li>Leaf: {@link #open()} models anyone opening the door (free egress from inside, a key, or force: the sim
 *       does not ask), and a door closer shuts it {@value #DOOR_CLOSER_MS} ms later; {@link #prop()} opens it and
 *       it stays open; {@link #close()} shuts it now.
 *   <li>Reed switch: active = open, bouncing on every leaf change (see {@link SimSwitch}). Bolt monitor: active =
 *       engaged, no bounce (the strike switch is slow to move and the driver filters it anyway).
 * </ul>
 *
 * <p>Ports: {@link #relay()}, {@link #contact()} and {@link #bolt()} are the current controller's; after a power cut
 * and restore they are fresh objects, and the restarted controller must fetch them again.
 */
public final class SimDoor implements ControllerWired {
    /** How long a door closer takes to shut a door that was opened and let go. */
    public static final long DOOR_CLOSER_MS = 5_000;

    private final BuildingPlan.DoorSpec spec;
    private final VirtualClock clock;
    private final SimSwitch contact;
    private final Optional<SimSwitch> boltSwitch;
    private SimDigitalOutput relay;
    private boolean powered = true;

    private boolean pinLevel;
    private boolean relayStuck;
    private boolean stuckEnergised;
    private boolean relayWriteFails;
    private boolean boltJammed;

    private boolean leafOpen;
    private long closerGeneration;

    private boolean boltExtended;
    private boolean boltTarget;
    private long motionGeneration;

    public SimDoor(BuildingPlan.DoorSpec spec, VirtualClock clock, Random random) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        RelayWiring wiring = spec.relay();
        // The board boots with the relay off, and the bolt starts where an unpowered lock puts it.
        this.pinLevel = wiring.deEnergisedLevel();
        this.boltExtended = wiring.failMode() == FailMode.FAIL_SECURE;
        this.boltTarget = boltExtended;
        this.contact = new SimSwitch(spec.doorId() + "/contact", spec.contact(), clock, random, true, true, false);
        this.boltSwitch = spec.bolt().map(w -> new SimSwitch(spec.doorId() + "/bolt", w, clock, random, false, false,
                boltEngaged()));
        this.relay = newRelayPort();
    }

    public String id() {
        return spec.doorId();
    }

    @Override
    public String controllerId() {
        return spec.controllerId();
    }

    public BuildingPlan.DoorSpec spec() {
        return spec;
    }

    // --- ports (the controller's side) ---

    public SimDigitalOutput relay() {
        return relay;
    }

    public SimDigitalInput contact() {
        return contact.port();
    }

    public Optional<SimDigitalInput> bolt() {
        return boltSwitch.map(SimSwitch::port);
    }

    // --- people ---

    /** Someone opens the door and lets go: the closer shuts it after {@link #DOOR_CLOSER_MS}. */
    public void open() {
        setLeaf(true);
        long generation = closerGeneration;
        clock.after(DOOR_CLOSER_MS, () -> {
            if (generation == closerGeneration) {
                setLeaf(false);
            }
        });
    }

    /** Someone props the door open: it stays open until {@link #close()}. */
    public void prop() {
        setLeaf(true);
    }

    public void close() {
        setLeaf(false);
    }

    // --- physical truth ---

    public boolean isOpen() {
        return leafOpen;
    }

    public boolean boltExtended() {
        return boltExtended;
    }

    public boolean boltEngaged() {
        return boltExtended && !leafOpen;
    }

    public boolean relayEnergised() {
        return relayStuck ? stuckEnergised : pinLevel == spec.relay().energisedLevel();
    }

    /** Whether the bolt is headed for a different position (a move under way or blocked by a jam). */
    public boolean boltMoving() {
        return boltTarget != boltExtended;
    }

    // --- faults ---

    /** Welded contacts: writes still succeed, but the relay (and so the bolt) stays as it is now. */
    public void relayStuck(boolean stuck) {
        if (stuck && !relayStuck) {
            stuckEnergised = relayEnergised();
        }
        relayStuck = stuck;
        followRelay();
    }

    /** The relay driver refuses writes: the port throws {@link HardwareException}. */
    public void relayWriteFails(boolean fails) {
        relayWriteFails = fails;
    }

    /** The bolt stays where it is; when freed it goes where the relay says, taking {@code actuationMs}. */
    public void boltJammed(boolean jammed) {
        boltJammed = jammed;
        if (!jammed && boltTarget != boltExtended) {
            scheduleMove();
        }
    }

    /** A cut normally-closed loop reads "open", and the leaf's changes no longer reach the pin. */
    public void contactWireCut(boolean cut) {
        contact.wireCut(cut);
    }

    /** A cut bolt-monitor wire reads "not engaged". Only for doors that have a bolt monitor. */
    public void boltWireCut(boolean cut) {
        boltSwitch.orElseThrow(() -> new IllegalArgumentException("door " + id() + " has no bolt monitor"))
                .wireCut(cut);
    }

    // --- power ---

    @Override
    public void powerCut() {
        if (!powered) {
            return;
        }
        powered = false;
        relay.retire();
        pinLevel = spec.relay().deEnergisedLevel();
        followRelay();
        contact.powerCut();
        boltSwitch.ifPresent(SimSwitch::powerCut);
    }

    @Override
    public void powerRestore() {
        if (powered) {
            return;
        }
        powered = true;
        relay = newRelayPort();
        contact.powerRestore();
        boltSwitch.ifPresent(SimSwitch::powerRestore);
    }

    public boolean powered() {
        return powered;
    }

    // --- physics ---

    private SimDigitalOutput newRelayPort() {
        // Shutdown level de-energised, as the Pi4J config would set it: a clean stop leaves what a power cut leaves.
        return new SimDigitalOutput(spec.doorId() + "/relay", spec.relay().deEnergisedLevel(), this::pinWritten);
    }

    private void pinWritten(boolean high) {
        if (relayWriteFails) {
            throw new HardwareException(spec.doorId() + "/relay", "relay driver refused the write (simulated fault)");
        }
        pinLevel = high;
        followRelay();
    }

    private void followRelay() {
        boolean target = relayEnergised() == spec.relay().failMode().energiseToLock();
        if (target == boltTarget) {
            return;
        }
        boltTarget = target;
        motionGeneration++; // supersedes a move under way
        if (boltTarget != boltExtended) {
            scheduleMove();
        }
    }

    private void scheduleMove() {
        long generation = ++motionGeneration;
        clock.after(spec.actuationMs(), () -> {
            if (generation == motionGeneration && !boltJammed) {
                boltExtended = boltTarget;
                refreshBoltSwitch();
            }
        });
    }

    private void setLeaf(boolean open) {
        closerGeneration++;
        leafOpen = open;
        contact.set(open);
        refreshBoltSwitch();
    }

    private void refreshBoltSwitch() {
        boltSwitch.ifPresent(s -> s.set(boltEngaged()));
    }
}
