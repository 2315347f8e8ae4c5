package org.lockstep.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.lockstep.hal.DigitalInput;
import org.lockstep.hal.DigitalOutput;
import org.lockstep.hal.SerialLink;

/**
 * A simulated school built from a {@link BuildingPlan}: the physical devices, and the hal ports a controller uses to
 * reach them. Deterministic: all time is the {@link VirtualClock}'s and all chance the one seeded {@link Random}.
 *
 * <p><b>Power and restarts.</b> {@link #powerCut(String)} drops every relay of that controller (each lock goes to
 * its fail-mode state after its actuation time) and kills its ports: outputs are closed (a dead controller's writes
 * throw), inputs deliver no more edges, serial links close and forget their listener. {@link #powerRestore(String)}
 * makes <em>fresh</em> ports: the restarted controller must ask for them again ({@link #relay(String)},
 * {@link #contact(String)}, ...), exactly as a new process opens its pins again. Ports held from before the cut stay
 * dead, so a test cannot accidentally keep driving the building through a controller that is supposed to be gone.
 * Relays come back de-energised (the board's boot default) until the controller drives them.
 */
public final class SimBuilding {
    private final VirtualClock clock;
    private final Map<String, SimDoor> doors = new LinkedHashMap<>();
    private final Map<String, SimPanicButton> panicButtons = new LinkedHashMap<>();
    private final Map<String, SimFireAlarm> fireAlarms = new LinkedHashMap<>();
    private final Map<String, SimDryContactDetector> detectors = new LinkedHashMap<>();
    private final Map<String, SimSerialLink> serialLinks = new LinkedHashMap<>();
    private final List<ControllerWired> wired = new ArrayList<>();
    private final Set<String> unpoweredControllers = new TreeSet<>();

    public SimBuilding(BuildingPlan plan, VirtualClock clock, Random random) {
        Objects.requireNonNull(plan, "plan");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        plan.doors().forEach(s -> add(doors, s.doorId(), new SimDoor(s, clock, random)));
        plan.panicButtons().forEach(s -> add(panicButtons, s.id(), new SimPanicButton(s, clock, random)));
        plan.fireAlarms().forEach(s -> add(fireAlarms, s.id(), new SimFireAlarm(s, clock, random)));
        plan.dryContactDetectors().forEach(s -> add(detectors, s.id(), new SimDryContactDetector(s, clock, random)));
        plan.serialDetectors().forEach(s -> add(serialLinks, s.id(), new SimSerialLink(s, clock)));
    }

    /** A building on a fresh clock at 0, every chance drawn from {@code new Random(seed)}. */
    public static SimBuilding seeded(BuildingPlan plan, long seed) {
        return new SimBuilding(plan, new VirtualClock(), new Random(seed));
    }

    private <T extends ControllerWired> void add(Map<String, T> map, String id, T device) {
        map.put(id, device);
        wired.add(device);
    }

    public VirtualClock clock() {
        return clock;
    }

    // --- ports, for the controller ---

    public DigitalOutput relay(String doorId) {
        return door(doorId).relay();
    }

    public DigitalInput contact(String doorId) {
        return door(doorId).contact();
    }

    public Optional<DigitalInput> bolt(String doorId) {
        return door(doorId).bolt().map(DigitalInput.class::cast);
    }

    public DigitalInput panicInput(String id) {
        return panicButton(id).input();
    }

    public DigitalInput fireInput(String id) {
        return fireAlarm(id).input();
    }

    public DigitalInput detectorInput(String id) {
        return detector(id).input();
    }

    public SerialLink serialLink(String id) {
        return serialDevice(id);
    }

    // --- physical objects, for the test or the simulator ---

    public SimDoor door(String doorId) {
        return find(doors, doorId, "door");
    }

    public Collection<SimDoor> doors() {
        return Collections.unmodifiableCollection(doors.values());
    }

    public SimPanicButton panicButton(String id) {
        return find(panicButtons, id, "panic button");
    }

    public SimFireAlarm fireAlarm(String id) {
        return find(fireAlarms, id, "fire alarm");
    }

    public SimDryContactDetector detector(String id) {
        return find(detectors, id, "dry-contact detector");
    }

    /** The device side of a serial detector's link ({@link SimSerialLink#inject(byte[])}, disconnects). */
    public SimSerialLink serialDevice(String id) {
        return find(serialLinks, id, "serial detector");
    }

    /** Every controller id that has a device in this building, sorted. */
    public Set<String> controllerIds() {
        Set<String> ids = new TreeSet<>();
        wired.forEach(d -> ids.add(d.controllerId()));
        return Collections.unmodifiableSet(ids);
    }

    // --- power ---

    public void powerCut(String controllerId) {
        requireController(controllerId);
        if (unpoweredControllers.add(controllerId)) {
            wired.stream().filter(d -> d.controllerId().equals(controllerId)).forEach(ControllerWired::powerCut);
        }
    }

    /** Power is back: fetch the ports again for the restarted controller (see the class comment). */
    public void powerRestore(String controllerId) {
        requireController(controllerId);
        if (unpoweredControllers.remove(controllerId)) {
            wired.stream().filter(d -> d.controllerId().equals(controllerId)).forEach(ControllerWired::powerRestore);
        }
    }

    public boolean powered(String controllerId) {
        requireController(controllerId);
        return !unpoweredControllers.contains(controllerId);
    }

    // --- faults ---

    public void inject(SimFault fault) {
        apply(fault, true);
    }

    public void repair(SimFault fault) {
        apply(fault, false);
    }

    /** Every fault this building can suffer, in a stable order, for a seeded simulator to draw from. */
    public List<SimFault> possibleFaults() {
        List<SimFault> faults = new ArrayList<>();
        for (SimDoor door : doors.values()) {
            faults.add(new SimFault.RelayStuck(door.id()));
            faults.add(new SimFault.RelayWriteFails(door.id()));
            faults.add(new SimFault.BoltJammed(door.id()));
            faults.add(new SimFault.ContactWireCut(door.id()));
            if (door.bolt().isPresent()) {
                faults.add(new SimFault.BoltWireCut(door.id()));
            }
        }
        controllerIds().forEach(id -> faults.add(new SimFault.PowerCut(id)));
        return List.copyOf(faults);
    }

    private void apply(SimFault fault, boolean on) {
        switch (fault) {
            case SimFault.RelayStuck f -> door(f.doorId()).relayStuck(on);
            case SimFault.RelayWriteFails f -> door(f.doorId()).relayWriteFails(on);
            case SimFault.BoltJammed f -> door(f.doorId()).boltJammed(on);
            case SimFault.ContactWireCut f -> door(f.doorId()).contactWireCut(on);
            case SimFault.BoltWireCut f -> door(f.doorId()).boltWireCut(on);
            case SimFault.PowerCut f -> {
                if (on) {
                    powerCut(f.controllerId());
                } else {
                    powerRestore(f.controllerId());
                }
            }
        }
    }

    private void requireController(String controllerId) {
        if (!controllerIds().contains(controllerId)) {
            throw new NoSuchElementException("no controller " + controllerId + " in this building");
        }
    }

    private static <T> T find(Map<String, T> map, String id, String kind) {
        T found = map.get(id);
        if (found == null) {
            throw new NoSuchElementException("no " + kind + " " + id + " in this building");
        }
        return found;
    }
}
