package org.lockstep.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.ControllerState;
import org.lockstep.controller.core.DoorAction;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorState;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.FireAction;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.sim.SimDoor;
import org.lockstep.sim.SimFault;

/**
 * One seeded simulation: a random sequence of operator requests, panic presses, door movements, faults and repairs,
 * fire alarms, detections, power cuts and time, over the simulated school, with the invariants of docs/SAFETY.md
 * checked after every step. Everything random comes from the one seed, so a failure replays exactly.
 */
final class SimulationRun {
    /** Leaf and bolt changes closer than this to a check are still inside the contact's debounce window. */
    static final long SETTLE_MS = 60;

    private final SiteConfig config;
    private final Site site;
    private final long seed;
    private final Random random;
    private final SimulatedSchool school;
    private final StringBuilder log = new StringBuilder();
    private final Deque<String> recentSteps = new ArrayDeque<>();
    private final Map<String, Long> lastLeafMoveMs = new HashMap<>();
    private final Map<String, Long> lastFaultChangeMs = new HashMap<>();
    private final Set<SimFault> activeFaults = new HashSet<>();
    private final Map<String, Map<String, ZoneMode>> modesAtCut = new LinkedHashMap<>();
    private final List<String> doorAlertProblems = new ArrayList<>();
    /** Controller id → its replies in the current step (request id → reply): I4 asks whether it accepted. */
    private final Map<String, Map<String, Command.Reply>> stepReplies = new HashMap<>();
    /** Controller id → subject id → the kinds of alert it raised for that subject, ever (I7b). */
    private final Map<String, Map<String, Set<Alert.Kind>>> alertsRaised = new HashMap<>();
    /** Serial detector id → when it went silent (I7b). */
    private final Map<String, Long> silentSinceMs = new LinkedHashMap<>();
    /** Controller id → when it last booted (a restarted detector driver gets its heartbeat timeout afresh). */
    private final Map<String, Long> bootedAtMs = new HashMap<>();
    private boolean fireOn;
    private int requestCount;
    private int step;

    SimulationRun(SiteConfig config, long seed) {
        this.config = config;
        this.site = config.site();
        this.seed = seed;
        this.random = new Random(seed);
        this.school = SimulatedSchool.create(config, seed, recorder());
    }

    /** Everything published, with its virtual time: the command log the determinism test compares. */
    String log() {
        return log.toString();
    }

    private Outbound recorder() {
        return new Outbound() {
            @Override
            public void door(String c, DoorView d) {
                log.append(now()).append(' ').append(c).append(" door ").append(d).append('\n');
            }

            @Override
            public void zone(String c, String z, ZoneMode m) {
                log.append(now()).append(' ').append(c).append(" zone ").append(z).append(' ').append(m).append('\n');
            }

            @Override
            public void alert(String c, Alert a, long atMs) {
                log.append(atMs).append(' ').append(c).append(" alert ").append(a).append('\n');
                alertsRaised.computeIfAbsent(c, k -> new HashMap<>()).computeIfAbsent(a.subjectId(),
                        k -> new HashSet<>()).add(a.kind());
                site.doors().stream().filter(d -> d.id().equals(a.subjectId())).findFirst().ifPresent(d -> {
                    if (a.kind().name().startsWith("DOOR_") && (!a.room().equals(d.room()) || !a.zone().equals(d.zone()))) {
                        doorAlertProblems.add("I8: alert " + a + " does not name room '" + d.room() + "' and zone '"
                                + d.zone() + "'");
                    }
                });
            }

            @Override
            public void reply(String c, Command.Reply r) {
                log.append(now()).append(' ').append(c).append(" reply ").append(r).append('\n');
                stepReplies.computeIfAbsent(c, k -> new HashMap<>()).put(r.requestId(), r);
            }
        };
    }

    private long now() {
        return school == null ? 0 : school.nowMs();
    }

    /** Runs {@code steps} random steps; throws AssertionError naming the seed and the last steps on a violation. */
    void run(int steps) {
        check(null, Map.of());
        for (step = 1; step <= steps; step++) {
            Map<String, ControllerState> before = snapshot();
            stepReplies.clear();
            Event.ModeRequested request = act();
            check(request, before);
        }
        school.close();
    }

    private Map<String, ControllerState> snapshot() {
        Map<String, ControllerState> m = new LinkedHashMap<>();
        for (var c : site.controllers()) {
            ControllerLoop loop = school.loop(c.id());
            if (loop != null) {
                m.put(c.id(), loop.state());
            }
        }
        return m;
    }

    private void note(String what) {
        String line = "step " + step + " t=" + school.nowMs() + ": " + what;
        recentSteps.addLast(line);
        if (recentSteps.size() > 25) {
            recentSteps.removeFirst();
        }
        log.append(line).append('\n');
    }

    /** One random action. Returns the request if it was an operator's request (for invariant I4). */
    private Event.ModeRequested act() {
        int roll = random.nextInt(100);
        if (roll < 40) {
            long ms = 1 + random.nextInt(500);
            note("wait " + ms + " ms");
            school.advanceBy(ms);
        } else if (roll < 48) {
            long ms = 500 + random.nextInt(40_000);
            note("wait " + ms + " ms");
            school.advanceBy(ms);
        } else if (roll < 60) {
            return request();
        } else if (roll < 63) {
            var button = site.panicButtons().get(random.nextInt(site.panicButtons().size()));
            boolean full = random.nextBoolean();
            note("panic " + button.id() + (full ? " held" : " tapped 300 ms"));
            if (full) {
                school.pressPanic(button.id());
            } else {
                school.pressPanic(button.id(), 300);
            }
        } else if (roll < 78) {
            DoorSpec door = site.doors().get(random.nextInt(site.doors().size()));
            SimDoor d = school.building().door(door.id());
            int how = random.nextInt(3);
            note((how == 0 ? "open " : how == 1 ? "close " : "prop ") + door.id());
            switch (how) {
                case 0 -> {
                    d.open();
                    lastLeafMoveMs.put(door.id(), school.nowMs());
                    // The closer will shut it later; that move is recorded when checks see the leaf change.
                }
                case 1 -> d.close();
                default -> d.prop();
            }
            lastLeafMoveMs.put(door.id(), school.nowMs());
        } else if (roll < 84) {
            List<SimFault> possible = school.building().possibleFaults().stream()
                    .filter(f -> !(f instanceof SimFault.PowerCut)).toList();
            SimFault f = possible.get(random.nextInt(possible.size()));
            note("inject " + f);
            school.building().inject(f);
            activeFaults.add(f);
            lastFaultChangeMs.put(f.targetId(), school.nowMs());
        } else if (roll < 89) {
            if (!activeFaults.isEmpty()) {
                List<SimFault> active = activeFaults.stream().sorted((a, b) -> a.toString().compareTo(b.toString()))
                        .toList();
                SimFault f = active.get(random.nextInt(active.size()));
                note("repair " + f);
                school.building().repair(f);
                activeFaults.remove(f);
                lastFaultChangeMs.put(f.targetId(), school.nowMs());
            }
        } else if (roll < 91) {
            fireOn = !fireOn;
            note("fire " + (fireOn ? "on" : "off"));
            school.fireAlarm(fireOn);
        } else if (roll < 93) {
            if (!site.detectors().isEmpty()) {
                var det = site.detectors().get(random.nextInt(site.detectors().size()));
                int confidence = random.nextInt(101);
                note("detect " + det.id() + " " + confidence + "%");
                school.detect(det.id(), confidence);
                silentSinceMs.computeIfPresent(det.id(), (k, v) -> school.nowMs()); // a frame is a sign of life
            }
        } else if (roll < 94) {
            List<String> serial = site.detectors().stream().map(d -> d.id())
                    .filter(id -> config.wiring().get(site.detector(id).orElseThrow().controller()).detectors()
                            .get(id) instanceof org.lockstep.controller.config.DetectorWiring.Serial)
                    .toList();
            if (!serial.isEmpty()) {
                String id = serial.get(random.nextInt(serial.size()));
                boolean silent = !silentSinceMs.containsKey(id);
                note("detector " + id + (silent ? " goes silent" : " talks again"));
                school.detectorSilent(id, silent);
                if (silent) {
                    silentSinceMs.put(id, school.nowMs());
                } else {
                    silentSinceMs.remove(id);
                }
            }
        } else {
            var c = site.controllers().get(random.nextInt(site.controllers().size()));
            if (school.powered(c.id())) {
                note("power cut " + c.id());
                modesAtCut.put(c.id(), school.loop(c.id()).state().zones());
                school.powerCut(c.id());
            } else {
                note("power restore " + c.id());
                school.powerRestore(c.id());
                bootedAtMs.put(c.id(), school.nowMs());
                Map<String, ZoneMode> was = modesAtCut.remove(c.id());
                Map<String, ZoneMode> now = school.loop(c.id()).state().zones();
                // I5b: it caught up on what it missed: no powered peer holds a newer, more severe real mode.
                for (var peer : site.controllers()) {
                    ControllerLoop pl = school.loop(peer.id());
                    if (pl == null || peer.id().equals(c.id())) {
                        continue;
                    }
                    pl.state().zones().forEach((z, pm) -> {
                        ZoneMode mine = now.get(z);
                        if (pm.version() > mine.version() && pm.mode().moreSevereThan(mine.mode())
                                && !(mine.isRealEmergency() && pm.drill())) {
                            fail("I5b: " + c.id() + " restarted in " + mine.mode() + " v" + mine.version() + " for zone "
                                    + z + " but " + peer.id() + " is in " + pm.mode() + " v" + pm.version());
                        }
                    });
                }
                for (var z : was.keySet()) {
                    // At least as severe: an input already active at boot (a detector contact) may escalate.
                    if (was.get(z).mode().moreSevereThan(now.get(z).mode())) {
                        fail("I5: " + c.id() + " restarted with zone " + z + " " + now.get(z).mode() + " but was "
                                + was.get(z).mode() + " at the power cut");
                    }
                }
            }
        }
        return null;
    }

    private Event.ModeRequested request() {
        Mode mode = Mode.values()[random.nextInt(Mode.values().length)];
        boolean drill = mode != Mode.NORMAL && random.nextInt(5) == 0;
        Scope scope = random.nextInt(3) == 0 ? Scope.SITE
                : Scope.zone(site.zones().get(random.nextInt(site.zones().size())).id());
        String operator = random.nextInt(8) == 0 ? "intruder"
                : site.operators().get(random.nextInt(site.operators().size())).id();
        Event.ModeRequested r = new Event.ModeRequested("sim-" + (++requestCount), mode, scope, drill,
                new Source.Operator(operator), "simulation");
        note("request " + mode + (drill ? " drill" : "") + " " + scope + " as " + operator);
        school.request(r);
        return r;
    }

    private boolean fireReleases(DoorSpec d) {
        return fireOn && site.firePolicy().actionFor(d.role()) == FireAction.UNLOCK;
    }

    private boolean doorHasFault(String doorId) {
        return activeFaults.stream().anyMatch(f -> f.targetId().equals(doorId));
    }

    private void check(Event.ModeRequested request, Map<String, ControllerState> before) {
        if (!doorAlertProblems.isEmpty()) {
            fail(doorAlertProblems.getFirst());
        }
        long now = school.nowMs();
        for (var c : site.controllers()) {
            ControllerLoop loop = school.loop(c.id());
            if (loop == null) {
                continue;
            }
            ControllerState state = loop.state();
            ControllerState was = before.get(c.id());
            if (was != null) {
                for (var z : state.zones().keySet()) {
                    ZoneMode a = was.zone(z);
                    ZoneMode b = state.zone(z);
                    // I4: a zone becomes less severe only through this step's accepted request that asks for
                    // exactly this change, from an operator with the permission.
                    if (a.mode().moreSevereThan(b.mode())) {
                        String why = deescalationRefusal(c.id(), request, z, a, b);
                        if (why != null) {
                            fail("I4: zone " + z + " went " + a.mode() + (a.drill() ? " drill" : "") + " -> "
                                    + b.mode() + (b.drill() ? " drill" : "") + " on " + c.id() + ": " + why + " ("
                                    + request + ")");
                        }
                    }
                    // I10: a drill never turns a real event into a drill; a real request clears the drill flag.
                    if (a.isRealEmergency() && b.drill()) {
                        fail("I10: zone " + z + " on " + c.id() + " was a real " + a.mode() + " and is now a "
                                + b.mode() + " drill");
                    }
                    if (b.mode() == Mode.NORMAL && b.drill()) {
                        fail("I10: zone " + z + " on " + c.id() + " is NORMAL but tagged as a drill");
                    }
                    if (request != null && !request.drill() && request.scope().covers(z) && accepted(c.id(), request)
                            && (b.mode() != request.mode() || b.drill())) {
                        fail("I10: real " + request.mode() + " accepted by " + c.id() + " but zone " + z + " is "
                                + b.mode() + (b.drill() ? " drill" : ""));
                    }
                    // I12: a lockdown a controller starts from its own panic button or detector reaches every
                    // powered peer with doors in the zone.
                    if (b.version() != a.version() && b.mode() == Mode.LOCKDOWN && !b.drill()
                            && startedLocally(c.id(), b)) {
                        for (var peer : site.controllers()) {
                            ControllerLoop pl = school.loop(peer.id());
                            if (pl == null || peer.id().equals(c.id()) || site.doorsOf(peer.id()).stream()
                                    .noneMatch(d -> d.zone().equals(z))) {
                                continue;
                            }
                            ZoneMode pm = pl.state().zone(z);
                            if (pm.mode() != Mode.LOCKDOWN || pm.drill()) {
                                fail("I12: " + c.id() + " started a LOCKDOWN of zone " + z + " (" + b.trigger()
                                        .orElseThrow() + ") but peer " + peer.id() + " is in " + pm.mode()
                                        + (pm.drill() ? " drill" : ""));
                            }
                        }
                    }
                }
            }
            checkDetectorsVisible(c.id(), state);
            List<DoorSpec> doors = loop.machine().doors();
            for (int i = 0; i < doors.size(); i++) {
                DoorSpec spec = doors.get(i);
                DoorState d = state.doors().get(i);
                SimDoor physical = school.building().door(spec.id());
                ZoneMode zone = state.zone(spec.zone());
                boolean planLocks = site.plan().actionFor(zone.mode(), spec.role()) == DoorAction.LOCK;
                // I2: a lockdown locks.
                if (zone.mode() == Mode.LOCKDOWN && planLocks && !fireReleases(spec) && !d.lockCommanded()) {
                    fail("I2: " + spec.id() + " in LOCKDOWN zone " + spec.zone() + " is not commanded locked");
                }
                // I3: nothing unlocks during a lockdown (but the fire policy).
                if (was != null) {
                    DoorState prev = was.doors().get(i);
                    boolean lockdownBoth = was.zone(spec.zone()).mode() == Mode.LOCKDOWN && zone.mode() == Mode.LOCKDOWN;
                    if (lockdownBoth && prev.lockCommanded() && !d.lockCommanded() && !fireReleases(spec)) {
                        fail("I3: " + spec.id() + " unlocked during LOCKDOWN of zone " + spec.zone());
                    }
                }
                // I6: relays obey (I7: a relay that refused shows FAULT).
                var relayWiring = config.wiring().get(c.id()).doors().get(spec.id()).relay();
                boolean wantEnergised = relayWiring.failMode().energiseToLock() == d.lockCommanded();
                // The pin as driven (a welded relay may not follow it: that is what bolt feedback is for).
                boolean pinEnergised = school.building().relay(spec.id()).isHigh() == relayWiring.activeHigh();
                if (pinEnergised != wantEnergised) {
                    if (!loop.failingRelays().contains(spec.id())) {
                        fail("I6: relay of " + spec.id() + " is driven " + (pinEnergised ? "energised" : "de-energised")
                                + " but the door is commanded " + (d.lockCommanded() ? "locked" : "unlocked"));
                    }
                }
                if (loop.failingRelays().contains(spec.id()) && d.status() != DoorStatus.FAULT) {
                    fail("I7: relay of " + spec.id() + " refused writes but the door shows " + d.status());
                }
                // I7b: a cut bolt-monitor wire on a locked, closed door is a visible fault, never SECURED.
                boolean boltWireCut = activeFaults.contains(new SimFault.BoltWireCut(spec.id()));
                if (boltWireCut && spec.boltFeedback() && d.lockCommanded() && !d.open() && !physical.isOpen()
                        && now - lastFaultChangeMs.get(spec.id()) > spec.actuationMs() + SETTLE_MS
                        && now - d.lockRefMs() > spec.actuationMs() + SETTLE_MS
                        && now - lastLeafMoveMs.getOrDefault(spec.id(), Long.MIN_VALUE / 2) > SETTLE_MS) {
                    if (d.status() != DoorStatus.FAILED_TO_SECURE && d.status() != DoorStatus.FAULT) {
                        fail("I7b: " + spec.id() + " has a cut bolt-monitor wire but shows " + d.status());
                    }
                    if (!alertsRaised.getOrDefault(c.id(), Map.of()).getOrDefault(spec.id(), Set.of())
                            .contains(Alert.kindFor(d.status()))) {
                        fail("I7b: " + spec.id() + " shows " + d.status() + " but no alert of it was raised");
                    }
                }
                boolean settled = now - lastLeafMoveMs.getOrDefault(spec.id(), Long.MIN_VALUE / 2) >= SETTLE_MS
                        && now - Math.max(d.lockRefMs(), d.unlockRefMs()) >= spec.actuationMs() + SETTLE_MS;
                // I1: no false SECURED.
                if (d.status() == DoorStatus.SECURED && settled) {
                    if (physical.isOpen()) {
                        fail("I1: " + spec.id() + " shows SECURED but is open");
                    }
                    if (spec.boltFeedback() && !physical.boltEngaged()) {
                        fail("I1: " + spec.id() + " shows SECURED but its bolt is not engaged");
                    }
                }
                // I9: a healthy, closed door in a lockdown shows SECURED.
                if (zone.mode() == Mode.LOCKDOWN && planLocks && !fireReleases(spec) && settled && !physical.isOpen()
                        && !doorHasFault(spec.id()) && d.status() != DoorStatus.SECURED
                        && now - lastFaultChangeMs.getOrDefault(spec.id(), Long.MIN_VALUE / 2)
                                > ControllerLoop.RELAY_RETRY_MS + spec.actuationMs() + SETTLE_MS
                        && now - lastLeafMoveMs.getOrDefault(spec.id(), Long.MIN_VALUE / 2) > 6_000) {
                    fail("I9: " + spec.id() + " is closed and healthy in a LOCKDOWN but shows " + d.status() + " "
                            + d.detail());
                }
            }
        }
    }

    /**
     * Why {@code request} does not account for zone {@code z} going from {@code from} to {@code to} on controller
     * {@code c}, or null if it does: accepted there, an operator's, covering the zone, asking for exactly the new
     * mode and drill flag, never a drill over a real event, and from an operator with the permission.
     */
    private String deescalationRefusal(String c, Event.ModeRequested request, String z, ZoneMode from, ZoneMode to) {
        if (request == null) {
            return "no request in this step";
        }
        if (!(request.source() instanceof Source.Operator op)) {
            return "not an operator's request";
        }
        OperatorSpec who = site.operator(op.id()).orElse(null);
        if (who == null) {
            return "unknown operator";
        }
        if (!accepted(c, request)) {
            return "the request was not accepted";
        }
        if (!request.scope().covers(z)) {
            return "the request's scope " + request.scope() + " does not cover the zone";
        }
        if (request.mode() != to.mode() || (request.drill() && request.mode() != Mode.NORMAL) != to.drill()) {
            return "the request asked for " + request.mode() + (request.drill() ? " drill" : "");
        }
        if (from.isRealEmergency() && request.drill()) {
            return "a drill request ended a real " + from.mode();
        }
        boolean allowed = who.may(Permission.ALL_CLEAR) || (from.drill() && who.may(Permission.DRILL));
        return allowed ? null : "operator " + op.id() + " has no permission to";
    }

    private boolean accepted(String c, Event.ModeRequested request) {
        Command.Reply r = stepReplies.getOrDefault(c, Map.of()).get(request.requestId());
        return r != null && r.accepted();
    }

    /** Whether zone mode {@code m} was started by a panic button or detector wired to controller {@code c}. */
    private boolean startedLocally(String c, ZoneMode m) {
        return switch (m.trigger().orElse(null)) {
            case Source.PanicButton b -> site.panicButton(b.id()).map(s -> s.controller().equals(c)).orElse(false);
            case Source.Detector d -> site.detector(d.id()).map(s -> s.controller().equals(c)).orElse(false);
            case Source.Operator o -> false;
            case null -> false;
        };
    }

    /** I7b: a serial detector silent for longer than its heartbeat timeout is a visible fault: state and alert. */
    private void checkDetectorsVisible(String c, ControllerState state) {
        long now = school.nowMs();
        for (var e : silentSinceMs.entrySet()) {
            var spec = site.detector(e.getKey()).orElseThrow();
            long since = Math.max(e.getValue(), bootedAtMs.getOrDefault(c, 0L));
            if (!spec.controller().equals(c) || now - since <= 2 * spec.heartbeatTimeoutMs() + 1_000) {
                continue;
            }
            if (!state.faultedDevices().containsKey(spec.id())) {
                fail("I7b: detector " + spec.id() + " silent since t=" + since + " is not a fault on " + c);
            }
            if (!alertsRaised.getOrDefault(c, Map.of()).getOrDefault(spec.id(), Set.of())
                    .contains(Alert.Kind.DETECTOR_OFFLINE)) {
                fail("I7b: detector " + spec.id() + " silent since t=" + since + " raised no DETECTOR_OFFLINE on " + c);
            }
        }
    }

    private void fail(String what) {
        throw new AssertionError(what + "\n  seed " + seed + ", step " + step + " at t=" + school.nowMs()
                + " ms\n  replay: mvn -B -pl simulator -am test -Dtest=SeededSimulationTest -Dlockstep.sim.seed="
                + seed + " -Dsurefire.failIfNoSpecifiedTests=false\n  last steps:\n    "
                + String.join("\n    ", recentSteps));
    }
}
