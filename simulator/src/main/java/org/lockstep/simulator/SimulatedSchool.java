package org.lockstep.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Random;

import org.lockstep.controller.config.ButtonWiring;
import org.lockstep.controller.config.ControllerWiring;
import org.lockstep.controller.config.DetectorWiring;
import org.lockstep.controller.config.DoorWiring;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.controller.journal.MemoryJournal;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.DeviceAssembly;
import org.lockstep.controller.shell.LocalSiteBus;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.shell.SerialDetectorDevice;
import org.lockstep.hal.device.PanicGuard;
import org.lockstep.sim.BuildingPlan;
import org.lockstep.sim.SimBuilding;
import org.lockstep.sim.SimSerialLink;
import org.lockstep.sim.VirtualClock;

/**
 * A whole simulated school: the building built from the site file, and one real controller (core, loop, devices)
 * per controller of the site, all on one virtual clock and stepped by one thread — no threads of its own, so a
 * seed replays exactly. Requests from the console go to every controller, as a site command topic would.
 *
 * <p>A power cut kills a controller without an orderly shutdown (its relays drop out in the building); its journal
 * survives, as a disk would, and a restore starts a fresh controller that replays it.
 */
public final class SimulatedSchool implements AutoCloseable {
    /** A bound on how many loop turns one settle may take: a request bouncing between controllers forever is a bug. */
    static final int MAX_SETTLE_ROUNDS = 10_000;

    private final SiteConfig config;
    private final VirtualClock clock;
    private final java.time.Clock wallClock;
    private final SimBuilding building;
    private final Outbound outbound;
    private final LocalSiteBus bus = new LocalSiteBus();
    private final Map<String, SimulatedController> controllers = new LinkedHashMap<>();
    private final Map<String, SimSerialDetector> serialDetectors = new LinkedHashMap<>();
    private final java.util.List<PowerListener> powerListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Makes a controller's journal (its "disk"), once per controller: it survives power cuts.
     * {@code wallClock} follows the virtual clock from the school's wall-clock origin.
     */
    @FunctionalInterface
    public interface Journals {
        EventJournal open(String controllerId, java.time.Clock wallClock);
    }

    private SimulatedSchool(SiteConfig config, long seed, Outbound outbound, java.time.Instant wallOrigin,
            Journals journals) {
        this.config = config;
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.clock = new VirtualClock();
        this.wallClock = new VirtualWallClock(wallOrigin.toEpochMilli(), clock);
        this.building = new SimBuilding(planOf(config), clock, new Random(seed));
        for (var d : config.site().detectors()) {
            if (config.wiring().get(d.controller()).detectors().get(d.id()) instanceof DetectorWiring.Serial) {
                SimSerialDetector sd = new SimSerialDetector(d, building.serialDevice(d.id()), clock);
                serialDetectors.put(d.id(), sd);
                sd.start();
            }
        }
        for (var c : config.site().controllers()) {
            SimulatedController sc = new SimulatedController(c.id(), journals.open(c.id(), wallClock));
            controllers.put(c.id(), sc);
        }
        for (SimulatedController sc : controllers.values()) {
            boot(sc);
        }
        settle();
    }

    public static SimulatedSchool create(SiteConfig config, long seed, Outbound outbound) {
        return new SimulatedSchool(config, seed, outbound, java.time.Instant.EPOCH, (id, wall) -> new MemoryJournal());
    }

    /** A school whose controllers journal where {@code journals} says (e.g. a {@code FileJournal} per controller). */
    public static SimulatedSchool create(SiteConfig config, long seed, Outbound outbound,
            java.time.Instant wallOrigin, Journals journals) {
        return new SimulatedSchool(config, seed, outbound, wallOrigin, journals);
    }

    /** Wall-clock time in the simulation: the origin plus virtual time, so journal times match the timeline. */
    public java.time.Clock wallClock() {
        return wallClock;
    }

    /** The simulated building described by the site file. */
    static BuildingPlan planOf(SiteConfig config) {
        BuildingPlan.Builder b = BuildingPlan.builder();
        for (ControllerWiring w : config.wiring().values()) {
            for (DoorWiring d : w.doors().values()) {
                DoorSpec spec = config.site().doors().stream().filter(s -> s.id().equals(d.doorId())).findFirst()
                        .orElseThrow();
                b.door(d.doorId(), w.controllerId(), d.relay(), d.contact(), d.bolt(), spec.actuationMs());
            }
            for (Map.Entry<String, ButtonWiring> p : w.panicButtons().entrySet()) {
                b.panicButton(p.getKey(), w.controllerId(), p.getValue().input());
            }
            for (var f : w.fireAlarms().entrySet()) {
                b.fireAlarm(f.getKey(), w.controllerId(), f.getValue());
            }
            for (Map.Entry<String, DetectorWiring> d : w.detectors().entrySet()) {
                String location = config.site().detector(d.getKey()).orElseThrow().location();
                switch (d.getValue()) {
                    case DetectorWiring.DryContact dry ->
                            b.dryContactDetector(d.getKey(), w.controllerId(), location, dry.input());
                    case DetectorWiring.Serial serial -> b.serialDetector(d.getKey(), w.controllerId());
                }
            }
        }
        return b.build();
    }

    private void boot(SimulatedController sc) {
        LockdownMachine machine = new LockdownMachine(config.site(), sc.id);
        var devices = DeviceAssembly.assemble(config.site(), config.wiring().get(sc.id),
                new SimPorts(building, config.site()), SerialDetectorDevice::new);
        sc.loop = new ControllerLoop(machine, devices, sc.journal, outbound, bus, clock);
        bus.register(sc.loop.inbox());
        sc.loop.start();
    }

    public Site site() {
        return config.site();
    }

    public SiteConfig config() {
        return config;
    }

    public SimBuilding building() {
        return building;
    }

    public long nowMs() {
        return clock.nowMs();
    }

    /** The controller's loop, or null while it has no power. */
    public ControllerLoop loop(String controllerId) {
        SimulatedController sc = controllers.get(controllerId);
        return sc == null ? null : sc.loop;
    }

    public Map<String, EventJournal> journals() {
        Map<String, EventJournal> m = new LinkedHashMap<>();
        controllers.forEach((id, sc) -> m.put(id, sc.journal));
        return m;
    }

    /** An operator's request, to every controller of the site. */
    public void request(Event.ModeRequested request) {
        bus.broadcast(request);
        settle();
    }

    /** An event for one controller only (e.g. a lock audit step for its door), as its command topic would carry. */
    public void send(String controllerId, Event event) {
        ControllerLoop loop = loop(controllerId);
        if (loop == null) {
            throw new IllegalStateException("controller " + controllerId + " has no power");
        }
        loop.offer(new org.lockstep.controller.shell.LoopInput.External(event));
        settle();
    }

    /** Holds a panic button long enough (or presses it often enough) for its guard. */
    public void pressPanic(String buttonId) {
        ButtonWiring wiring = config.wiring().values().stream()
                .filter(w -> w.panicButtons().containsKey(buttonId)).findFirst().orElseThrow()
                .panicButtons().get(buttonId);
        switch (wiring.guard()) {
            case PanicGuard.Hold h -> building.panicButton(buttonId).press(h.holdMs() + 300);
            case PanicGuard.Presses p -> {
                for (int i = 0; i < p.count(); i++) {
                    long at = clock.nowMs() + i * Math.max(100, p.windowMs() / (p.count() + 1));
                    clock.schedule(at, () -> building.panicButton(buttonId).press(60));
                }
            }
        }
        settle();
    }

    /** Presses a panic button for a given time (too short a press must do nothing). */
    public void pressPanic(String buttonId, long holdMs) {
        building.panicButton(buttonId).press(holdMs);
        settle();
    }

    public void fireAlarm(boolean active) {
        for (var alarm : config.site().fireAlarms()) {
            if (active) {
                building.fireAlarm(alarm.id()).activate();
            } else {
                building.fireAlarm(alarm.id()).clear();
            }
        }
        settle();
    }

    public void detect(String detectorId, int confidencePct) {
        DetectorWiring wiring = config.wiring().values().stream()
                .filter(w -> w.detectors().containsKey(detectorId)).findFirst().orElseThrow()
                .detectors().get(detectorId);
        switch (wiring) {
            case DetectorWiring.DryContact dry -> building.detector(detectorId).trigger();
            case DetectorWiring.Serial serial -> serialDetectors.get(detectorId).detect(confidencePct);
        }
        settle();
    }

    public void powerCut(String controllerId) {
        SimulatedController sc = controllers.get(controllerId);
        if (sc.loop == null) {
            return;
        }
        building.powerCut(controllerId);
        sc.loop = null; // no orderly shutdown: the process simply stops
        powerListeners.forEach(l -> l.powerChanged(controllerId, false));
    }

    /** Told when a controller loses or regains power (its network presence goes with it). */
    @FunctionalInterface
    public interface PowerListener {
        void powerChanged(String controllerId, boolean on);
    }

    public void addPowerListener(PowerListener listener) {
        powerListeners.add(listener);
    }

    /** Hands an input to a controller from any thread (MQTT); false if it has no power or its inbox is full. */
    public boolean offer(String controllerId, org.lockstep.controller.shell.LoopInput input) {
        SimulatedController sc = controllers.get(controllerId);
        ControllerLoop loop = sc == null ? null : sc.loop;
        return loop != null && loop.offer(input);
    }

    /** The network lane of a controller, from any thread (MQTT); FULL if it has no power. */
    public org.lockstep.controller.shell.NetworkInbox.Admission offerNetwork(String controllerId, String sourceKey,
            Event event) {
        SimulatedController sc = controllers.get(controllerId);
        ControllerLoop loop = sc == null ? null : sc.loop;
        return loop == null ? org.lockstep.controller.shell.NetworkInbox.Admission.FULL
                : loop.offerNetwork(sourceKey, event);
    }

    /** Publishes a controller's whole picture (every zone, every door) to {@code to}: for a newly connected uplink. */
    public void republish(String controllerId, Outbound to) {
        ControllerLoop loop = loop(controllerId);
        if (loop == null) {
            return;
        }
        var state = loop.state();
        state.zones().forEach((z, m) -> to.zone(controllerId, z, m));
        for (int i = 0; i < loop.machine().doors().size(); i++) {
            to.door(controllerId, loop.machine().view(state, i));
        }
    }

    /** A serial detector that stops talking, or talks again. */
    public void detectorSilent(String detectorId, boolean silent) {
        SimSerialDetector d = serialDetectors.get(detectorId);
        if (d == null) {
            throw new IllegalArgumentException("no serial detector '" + detectorId + "'");
        }
        d.silent(silent);
    }

    /** Line noise on a serial detector's link: bytes that are no frame. */
    public void detectorGarbage(String detectorId) {
        if (!serialDetectors.containsKey(detectorId)) {
            throw new IllegalArgumentException("no serial detector '" + detectorId + "'");
        }
        building.serialDevice(detectorId).inject("$LSD,zz,garbage*0000\n\u0000\u00ff~~".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        settle();
    }

    public void powerRestore(String controllerId) {
        SimulatedController sc = controllers.get(controllerId);
        if (sc.loop != null) {
            return;
        }
        building.powerRestore(controllerId);
        boot(sc);
        // What MQTT's retained zone modes do on a site: the restored controller hears its peers' zone modes and
        // catches up on an escalation it missed (the core adopts only newer, more severe ones).
        for (SimulatedController peer : controllers.values()) {
            if (peer != sc && peer.loop != null) {
                peer.loop.state().zones().forEach((zone, m) -> {
                    if (m.version() > 0) {
                        sc.loop.offer(new org.lockstep.controller.shell.LoopInput.External(new Event.PeerModeSeen(
                                peer.id, zone, m.mode(), m.drill(), m.trigger(), m.reason(), m.version())));
                    }
                });
            }
        }
        settle();
        powerListeners.forEach(l -> l.powerChanged(controllerId, true));
    }

    public boolean powered(String controllerId) {
        return controllers.get(controllerId).loop != null;
    }

    public void advanceBy(long ms) {
        advanceTo(clock.nowMs() + ms);
    }

    /** Runs the building's physics and every controller's timers up to {@code targetMs}, in time order. */
    public void advanceTo(long targetMs) {
        settle();
        while (true) {
            long next = Long.MAX_VALUE;
            OptionalLong task = clock.nextTaskAtMs();
            if (task.isPresent()) {
                next = task.getAsLong();
            }
            for (SimulatedController sc : controllers.values()) {
                if (sc.loop != null) {
                    OptionalLong wake = sc.loop.nextWakeMs();
                    if (wake.isPresent()) {
                        next = Math.min(next, wake.getAsLong());
                    }
                }
            }
            if (next > targetMs) {
                break;
            }
            clock.advanceTo(Math.max(next, clock.nowMs()));
            settle();
        }
        if (targetMs > clock.nowMs()) {
            clock.advanceTo(targetMs);
        }
        settle();
    }

    /** Lets every controller handle what is in its inbox and what is due, until all are quiet. */
    private void settle() {
        for (int round = 0; round < MAX_SETTLE_ROUNDS; round++) {
            boolean busy = false;
            for (SimulatedController sc : controllers.values()) {
                if (sc.loop == null) {
                    continue;
                }
                if (sc.loop.hasPending()) {
                    sc.loop.processPending();
                    busy = true;
                }
                OptionalLong wake = sc.loop.nextWakeMs();
                if (wake.isPresent() && wake.getAsLong() <= clock.nowMs()) {
                    sc.loop.runDue();
                    busy = true;
                }
            }
            if (!busy) {
                return;
            }
        }
        throw new IllegalStateException("controllers did not settle in " + MAX_SETTLE_ROUNDS + " rounds");
    }

    @Override
    public void close() {
        for (SimulatedController sc : controllers.values()) {
            if (sc.loop != null) {
                sc.loop.close();
                sc.loop = null;
            }
            sc.journal.close();
        }
    }

    /** A {@link java.time.Clock} that reads the virtual clock. */
    private static final class VirtualWallClock extends java.time.Clock {
        private final long originMs;
        private final VirtualClock clock;

        VirtualWallClock(long originMs, VirtualClock clock) {
            this.originMs = originMs;
            this.clock = clock;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("the simulation's wall clock is UTC");
        }

        @Override
        public long millis() {
            return originMs + clock.nowMs();
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis());
        }
    }

    private static final class SimulatedController {
        final String id;
        final EventJournal journal;
        /** Read by the MQTT threads to hand commands in; written by the simulation thread. */
        volatile ControllerLoop loop;

        SimulatedController(String id, EventJournal journal) {
            this.id = id;
            this.journal = journal;
        }
    }
}
