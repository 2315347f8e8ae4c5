package org.lockstep.controller.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.lockstep.controller.core.Command.PublishDoor;
import org.lockstep.controller.core.Command.PublishZone;
import org.lockstep.controller.core.Command.Reply;
import org.lockstep.controller.core.Event.BoltChanged;
import org.lockstep.controller.core.Event.ContactChanged;
import org.lockstep.controller.core.Event.ControllerStarted;
import org.lockstep.controller.core.Event.DeviceFaulted;
import org.lockstep.controller.core.Event.DeviceRecovered;
import org.lockstep.controller.core.Event.FireAlarmChanged;
import org.lockstep.controller.core.Event.ModeRequested;
import org.lockstep.controller.core.Event.PanicPressed;
import org.lockstep.controller.core.Event.TimeAdvanced;
import org.lockstep.controller.core.Event.WeaponDetected;

/**
 * One controller's lockdown state machine: {@code apply(state, event, now) → (state, commands)}. Pure and
 * deterministic; see the package doc.
 *
 * <p>Every transition follows the same steps: decide the zones' modes, work out what each door's lock should be (mode
 * and response plan, then the fire policy), command the locks that change, then derive every door's status from
 * what was commanded and what the sensors say, and publish and alert on what changed. Lock drives come first in the
 * command list so the shell reaches the relays before anything else.
 */
public final class LockdownMachine {
    /** How many request ids are remembered for idempotency. A repeat older than this is treated as new. */
    public static final int RECENT_REQUESTS_MAX = 512;

    /**
     * What a request asks for, to tell a repeat (same id, same request: answered as before) from an id reused for a
     * different one (refused). The free-text reason is not part of it: a resend may word it differently.
     */
    static String fingerprint(ModeRequested r) {
        String scope = switch (r.scope()) {
            case Scope.Site s -> "site";
            case Scope.Zone z -> "zone " + z.zoneId();
        };
        return r.mode() + "|" + scope + "|" + (r.drill() ? "drill" : "real") + "|" + r.source();
    }

    static String fingerprint(Event.LockTestRequested t) {
        return "lock-test|" + t.doorId() + "|" + t.lock() + "|" + t.operator();
    }
    /** How long the bolt may report thrown while the door reports open before it is a sensor fault. */
    public static final long SENSOR_DISAGREE_MS = 1_000;
    /** The detail of a door the plan would lock but the site fire policy keeps unlocked during a fire alarm. */
    public static final String FIRE_RELEASED = "released by the site fire policy (fire alarm)";

    private final Site site;
    private final String controllerId;
    private final List<DoorSpec> doors;
    private final Map<String, Integer> doorIndex = new HashMap<>();

    public LockdownMachine(Site site, String controllerId) {
        this.site = Objects.requireNonNull(site, "site");
        this.controllerId = Objects.requireNonNull(controllerId, "controllerId");
        if (site.controller(controllerId).isEmpty()) {
            throw new IllegalArgumentException("controller '" + controllerId + "' is not in site " + site.name());
        }
        this.doors = site.doorsOf(controllerId);
        for (int i = 0; i < doors.size(); i++) {
            doorIndex.put(doors.get(i).id(), i);
        }
    }

    public Site site() {
        return site;
    }

    public String controllerId() {
        return controllerId;
    }

    /** This controller's doors, in site order; {@link ControllerState#doors()} is aligned with it. */
    public List<DoorSpec> doors() {
        return doors;
    }

    public ControllerState initial() {
        Map<String, ZoneMode> zones = new LinkedHashMap<>();
        site.zones().forEach(z -> zones.put(z.id(), ZoneMode.initial()));
        List<DoorState> ds = new ArrayList<>();
        doors.forEach(d -> ds.add(DoorState.initial()));
        return new ControllerState(0, zones, ds, Set.of(), Map.of(), Map.of());
    }

    /**
     * The result of one step: the new state, the commands (lock drives first) and the facts they came from (what
     * the journal keeps).
     */
    public record Transition(ControllerState state, List<Command> commands, List<Fact> facts) {
        public Transition {
            Objects.requireNonNull(state, "state");
            commands = List.copyOf(commands);
            facts = List.copyOf(facts);
        }

        public Transition(ControllerState state, List<Command> commands) {
            this(state, commands, List.of());
        }
    }

    /** What one input decided: the facts, and the commands to carry out (lock drives first). */
    public record Decision(List<Fact> facts, List<Command> commands) {
        public Decision {
            facts = List.copyOf(facts);
            commands = List.copyOf(commands);
        }
    }

    /**
     * The public entry point: {@link #decide} the input, then fold the facts with {@link #evolve}. The state that
     * comes out is exactly what a restart rebuilds from the journaled facts.
     */
    public Transition apply(ControllerState state, Event event, long nowMs) {
        Step step = decideStep(state, event, nowMs);
        Decision d = step.finish();
        ControllerState next = replay(state, nowMs, d.facts());
        assert next.equals(step.result()) : "facts do not rebuild the state the step decided:\n" + next + "\n"
                + step.result() + "\n" + d.facts();
        return new Transition(next, d.commands(), d.facts());
    }

    /** Decides what an input means in a state: every permission, source, scope and policy check runs here. */
    public Decision decide(ControllerState state, Event event, long nowMs) {
        return decideStep(state, event, nowMs).finish();
    }

    /** One fact folded into a state. Checks nothing (see {@link Fact}); a fact for a door or zone the site no longer has changes nothing. */
    public ControllerState evolve(ControllerState state, Fact fact) {
        StateFold fold = new StateFold(doorIndex, state);
        fold.apply(fact);
        return fold.build(state.lastMs());
    }

    /** A journaled step's facts folded into a state, at the step's time: what a restart does, and only this. */
    public ControllerState replay(ControllerState state, long atMs, List<Fact> facts) {
        StateFold fold = new StateFold(doorIndex, state);
        facts.forEach(fold::apply);
        return fold.build(atMs);
    }

    StateFold fold(ControllerState state) {
        return new StateFold(doorIndex, state);
    }

    /** What a fact names that today's site file does not have (a removed door or zone), for restart reports. */
    public Optional<String> unmapped(Fact fact) {
        return switch (fact) {
            case Fact.ZoneModeChanged z -> site.zone(z.zoneId()).isPresent() ? Optional.empty()
                    : Optional.of("zone " + z.zoneId());
            case Fact.DoorChanged d -> doorIndex.containsKey(d.doorId()) ? Optional.empty()
                    : Optional.of("door " + d.doorId());
            case Fact.Checkpoint c -> {
                List<String> gone = new ArrayList<>();
                c.zones().keySet().stream().filter(z -> site.zone(z).isEmpty()).forEach(z -> gone.add("zone " + z));
                c.doors().keySet().stream().filter(d -> !doorIndex.containsKey(d)).forEach(d -> gone.add("door " + d));
                yield gone.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", gone));
            }
            case Fact.LockDriven d -> Optional.empty();
            case Fact.AlertRaised a -> Optional.empty();
            case Fact.RequestAnswered r -> Optional.empty();
            case Fact.RequestShared r -> Optional.empty();
            case Fact.FireAlarmSet f -> Optional.empty();
            case Fact.DeviceFaultSet f -> Optional.empty();
            case Fact.TestLocksSet t -> Optional.empty();
        };
    }

    /** The whole state as one fact: a restart may start from it. */
    public Fact.Checkpoint checkpoint(ControllerState state) {
        Map<String, DoorState> byId = new LinkedHashMap<>();
        for (int i = 0; i < doors.size(); i++) {
            byId.put(doors.get(i).id(), state.doors().get(i));
        }
        return new Fact.Checkpoint(state.lastMs(), state.zones(), byId, state.activeFireAlarms(),
                state.faultedDevices(), state.recentReplies(), state.testLocks(), state.recentRequests());
    }

    private Step decideStep(ControllerState state, Event event, long nowMs) {
        Step step = new Step(state, nowMs);
        switch (event) {
            case ModeRequested r -> step.request(r);
            case ControllerStarted s -> step.started();
            case TimeAdvanced t -> {}
            case ContactChanged c -> step.door(c.doorId(), d -> d.withOpen(c.open(), nowMs));
            case BoltChanged b -> step.door(b.doorId(), d -> d.withBolt(b.thrown(), nowMs));
            case PanicPressed p -> step.panic(p);
            case WeaponDetected w -> step.weapon(w);
            case FireAlarmChanged f -> step.fire(f);
            case DeviceFaulted f -> step.fault(f);
            case DeviceRecovered r -> step.recovered(r);
            case Event.LockTestRequested t -> step.lockTest(t);
            case Event.LockTested t -> {}
            case Event.Commissioned c -> {}
            case Event.PeerModeSeen p -> step.peer(p);
        }
        return step;
    }

    /** When the core next needs a {@link TimeAdvanced}, if a timer is running. Always after the last event's time. */
    public OptionalLong nextDeadlineMs(ControllerState state) {
        Deadline next = new Deadline(state.lastMs());
        for (int i = 0; i < doors.size(); i++) {
            DoorSpec spec = doors.get(i);
            DoorState d = state.doors().get(i);
            if (d.fault().isPresent()) {
                continue;
            }
            if (d.open()) {
                if (d.boltDisagreeSinceMs() >= 0) {
                    next.consider(d.boltDisagreeSinceMs() + SENSOR_DISAGREE_MS + 1);
                }
                if (!d.forced() && d.status() != DoorStatus.PROPPED) {
                    next.consider(d.openedAtMs() + spec.proppedGraceMs() + 1);
                }
            } else if (d.lockCommanded()) {
                if (d.status() != DoorStatus.SECURED && d.status() != DoorStatus.FAILED_TO_SECURE) {
                    next.consider(d.lockRefMs() + spec.actuationMs() + 1);
                }
            } else if (spec.boltFeedback() && d.boltThrown() && d.status() != DoorStatus.FAULT) {
                next.consider(d.unlockRefMs() + spec.actuationMs() + 1);
            }
        }
        return next.get();
    }

    /** The earliest time after {@code afterMs}: a timer at or before it was already acted on by the last event. */
    private static final class Deadline {
        private final long afterMs;
        private long next = Long.MAX_VALUE;

        Deadline(long afterMs) {
            this.afterMs = afterMs;
        }

        void consider(long atMs) {
            if (atMs > afterMs && atMs < next) {
                next = atMs;
            }
        }

        OptionalLong get() {
            return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
        }
    }

    public DoorView view(ControllerState state, int doorIndex) {
        DoorSpec spec = doors.get(doorIndex);
        DoorState d = state.doors().get(doorIndex);
        return new DoorView(spec.id(), spec.room(), spec.zone(), spec.role(), d.status(), d.open(), d.lockCommanded(),
                d.statusSinceMs(), d.seq(), d.detail(), state.zone(spec.zone()).drill());
    }

    public Optional<Integer> indexOf(String doorId) {
        return Optional.ofNullable(doorIndex.get(doorId));
    }

    /**
     * The derived status of a door now, with its detail. Timers expire strictly after their time, so an edge that
     * arrives at exactly the actuation time (a bolt as fast as its rating) is never beaten by its own timer.
     */
    static Derived derive(DoorSpec spec, DoorState d, long nowMs) {
        if (d.fault().isPresent()) {
            return new Derived(DoorStatus.FAULT, d.fault().get());
        }
        if (d.open()) {
            if (spec.boltFeedback() && d.boltDisagreeSinceMs() >= 0
                    && nowMs - d.boltDisagreeSinceMs() > SENSOR_DISAGREE_MS) {
                return new Derived(DoorStatus.FAULT, "bolt reports thrown while the door reports open");
            }
            if (d.forced()) {
                return new Derived(DoorStatus.FORCED, "opened while secured");
            }
            if (nowMs - d.openedAtMs() > spec.proppedGraceMs()) {
                return new Derived(DoorStatus.PROPPED, "open for over " + spec.proppedGraceMs() / 1000 + " s");
            }
            return new Derived(DoorStatus.OPEN, "");
        }
        boolean actuated = nowMs - d.lockRefMs() > spec.actuationMs();
        if (d.lockCommanded()) {
            if (spec.boltFeedback()) {
                if (d.boltThrown()) {
                    return new Derived(DoorStatus.SECURED, "");
                }
                return actuated
                        ? new Derived(DoorStatus.FAILED_TO_SECURE,
                                "bolt not thrown " + spec.actuationMs() + " ms after lock")
                        : new Derived(DoorStatus.UNLOCKED, "locking");
            }
            return actuated ? new Derived(DoorStatus.SECURED, "") : new Derived(DoorStatus.UNLOCKED, "locking");
        }
        if (spec.boltFeedback() && d.boltThrown() && nowMs - d.unlockRefMs() > spec.actuationMs()) {
            return new Derived(DoorStatus.FAULT, "bolt still thrown " + spec.actuationMs() + " ms after unlock");
        }
        // The plan wants it locked and it is not: only the fire policy does that. Say so where people look.
        return new Derived(DoorStatus.UNLOCKED, d.planLocked() ? FIRE_RELEASED : "");
    }

    record Derived(DoorStatus status, String detail) {}

    /** One transition being worked out. Mutable, but never escapes {@link #apply}. */
    private final class Step {
        private final long nowMs;
        private final Map<String, ZoneMode> zones;
        private final List<DoorState> ds;
        private final Set<String> fire;
        private final Map<String, String> faulted;
        /** The start state's own (unmodifiable) maps until a request is answered, then a copy: most inputs answer none. */
        private Map<String, Reply> replies;
        private Map<String, String> fingerprints;
        private boolean repliesCopied;
        private final Set<String> testLocks;
        private final ControllerState start;
        private final List<Fact> facts = new ArrayList<>();
        private final List<Command> drives = new ArrayList<>();
        private final List<Command> rest = new ArrayList<>();
        private final Map<String, String> driveCauses = new HashMap<>();
        private final Set<String> changedZones = new TreeSet<>();
        private boolean republishAll;
        private String planCause = "";


        Step(ControllerState s, long nowMs) {
            this.start = s;
            this.nowMs = nowMs;
            this.zones = new LinkedHashMap<>(s.zones());
            this.ds = new ArrayList<>(s.doors());
            this.fire = new TreeSet<>(s.activeFireAlarms());
            this.faulted = new TreeMap<>(s.faultedDevices());
            this.replies = s.recentReplies();
            this.fingerprints = s.recentRequests();
            this.testLocks = new TreeSet<>(s.testLocks());
        }

        /** Records a fact, and queues the command it sends (if any) in {@code into}, keeping today's order. */
        private void emit(Fact fact, List<Command> into) {
            facts.add(fact);
            fact.command().ifPresent(into::add);
        }

        /** A request decided: its answer is remembered with what it asked for (idempotency by id + fingerprint). */
        private void answer(Reply reply, boolean toRequester, String fingerprint) {
            if (!repliesCopied) {
                replies = new LinkedHashMap<>(replies);
                fingerprints = new LinkedHashMap<>(fingerprints);
                repliesCopied = true;
            }
            StateFold.remember((LinkedHashMap<String, Reply>) replies, fingerprints, reply, fingerprint);
            emit(new Fact.RequestAnswered(reply, toRequester, Optional.of(fingerprint)), rest);
        }

        /**
         * The state this step decided, built on demand: only {@link #apply}'s assertion compares it with the replayed
         * facts (building it for every input, assertions off, cost a copy of the whole state per input).
         */
        ControllerState result() {
            return new ControllerState(nowMs, zones, ds, fire, faulted, replies, testLocks, fingerprints);
        }

        /** The lock audit: only in NORMAL, only by an operator allowed to run drills, only this controller's doors. */
        void lockTest(Event.LockTestRequested t) {
            Integer i = doorIndex.get(t.doorId());
            if (i == null) {
                if (site.doors().stream().noneMatch(d -> d.id().equals(t.doorId()))) {
                    unknownDevice(t.doorId(), "door");
                }
                return; // another controller's door: that controller answers
            }
            Reply previous = replies.get(t.requestId());
            if (previous != null) {
                emit(new Fact.RequestAnswered(sameRequest(t.requestId(), fingerprint(t)) ? previous
                        : reused(t.requestId()), true, Optional.empty()), rest); // answered, nothing remembered
                return;
            }
            DoorSpec spec = doors.get(i);
            Optional<OperatorSpec> who = site.operator(t.operator().id());
            Reply reply;
            if (who.isEmpty() || !(who.get().may(Permission.DRILL) || who.get().may(Permission.ALL_CLEAR))) {
                reply = new Reply(t.requestId(), false, "operator " + t.operator().id() + " may not test locks");
            } else if (zones.get(spec.zone()).mode() != Mode.NORMAL) {
                reply = new Reply(t.requestId(), false, "zone " + spec.zone() + " is in "
                        + zones.get(spec.zone()).mode() + ": locks are tested only in NORMAL");
            } else if (!fire.isEmpty()) {
                reply = new Reply(t.requestId(), false, "a fire alarm is active: locks are not tested now");
            } else {
                if (t.lock()) {
                    testLocks.add(t.doorId());
                } else {
                    testLocks.remove(t.doorId());
                }
                planCause = "lock audit by " + t.operator();
                reply = new Reply(t.requestId(), true, (t.lock() ? "test lock " : "test release ") + t.doorId());
            }
            answer(reply, true, fingerprint(t));
        }

        void door(String doorId, java.util.function.UnaryOperator<DoorState> change) {
            Integer i = doorIndex.get(doorId);
            if (i == null) {
                unknownDevice(doorId, "door");
                return;
            }
            ds.set(i, change.apply(ds.get(i)));
        }

        private void unknownDevice(String id, String what) {
            // A wiring or mapping bug: report it, never crash the loop over it.
            emit(new Fact.AlertRaised(new Alert(Alert.Kind.DEVICE_FAULT, id, "", "",
                    "event from unknown " + what + " '" + id + "' on controller " + controllerId, false)), rest);
        }

        void started() {
            republishAll = true;
            // finish() drives every relay: after a restart its real level is not known.
            planCause = "controller start: re-assert";
        }

        void request(ModeRequested r) {
            Reply previous = replies.get(r.requestId());
            if (previous != null) {
                if (r.source() instanceof Source.Operator) {
                    emit(new Fact.RequestAnswered(sameRequest(r.requestId(), fingerprint(r)) ? previous
                            : reused(r.requestId()), true, Optional.empty()), rest); // answered, nothing remembered
                }
                return;
            }
            Reply reply = decide(r);
            answer(reply, r.source() instanceof Source.Operator, fingerprint(r));
        }

        /** An id seen before: the same request again, or one remembered without a fingerprint (by id alone). */
        private boolean sameRequest(String requestId, String fingerprint) {
            String before = fingerprints.get(requestId);
            return before == null || before.equals(fingerprint);
        }

        /** Never the old answer for a different request: the sender would believe the new one was done. */
        private Reply reused(String requestId) {
            return new Reply(requestId, false, "command id '" + requestId + "' was already used for a different "
                    + "command: nothing done; send it again with a new id");
        }

        private Reply decide(ModeRequested r) {
            if (r.scope() instanceof Scope.Zone z && !zones.containsKey(z.zoneId())) {
                return reject(r, "unknown zone '" + z.zoneId() + "'");
            }
            if (r.mode() == Mode.NORMAL && r.drill()) {
                return reject(r, "an ALL CLEAR is not a drill: send it without drill to end a drill");
            }
            Optional<String> refused = checkSource(r);
            if (refused.isPresent()) {
                return reject(r, refused.get());
            }
            // Work out each zone's new mode and the permission it needs.
            Map<String, ZoneMode> next = new LinkedHashMap<>();
            EnumSet<Permission> needs = EnumSet.noneOf(Permission.class);
            List<String> refusedZones = new ArrayList<>();
            int unchanged = 0;
            for (Map.Entry<String, ZoneMode> e : zones.entrySet()) {
                if (!r.scope().covers(e.getKey())) {
                    continue;
                }
                ZoneMode cur = e.getValue();
                ZoneMode want = new ZoneMode(r.mode(), r.mode() != Mode.NORMAL && r.drill(), nowMs,
                        Optional.of(r.source()), r.reason(), cur.nextVersion());
                if (r.mode().moreSevereThan(cur.mode())) {
                    if (cur.isRealEmergency() && r.drill()) {
                        refusedZones.add(e.getKey() + " (real " + cur.mode() + " in progress)");
                        continue;
                    }
                    needs.add(r.drill() ? Permission.DRILL : Permission.INITIATE);
                    next.put(e.getKey(), want);
                } else if (r.mode() == cur.mode()) {
                    if (cur.drill() && !r.drill()) {
                        needs.add(Permission.INITIATE); // a real event during a drill makes it real at once
                        next.put(e.getKey(), want);
                    } else {
                        unchanged++;
                    }
                } else {
                    if (cur.isRealEmergency() && r.drill()) {
                        refusedZones.add(e.getKey() + " (real " + cur.mode() + " in progress)");
                        continue;
                    }
                    needs.add(cur.drill() ? Permission.DRILL : Permission.ALL_CLEAR);
                    next.put(e.getKey(), want);
                }
            }
            if (r.source() instanceof Source.Operator op) {
                OperatorSpec who = site.operator(op.id()).orElseThrow();
                for (Permission p : needs) {
                    boolean ok = who.may(p) || (p == Permission.DRILL && who.may(Permission.ALL_CLEAR));
                    if (!ok) {
                        return reject(r, "operator " + op.id() + " may not " + describe(p));
                    }
                }
            } else if (needs.contains(Permission.ALL_CLEAR) || needs.contains(Permission.DRILL)) {
                return reject(r, r.source() + " may only start or escalate a lockdown");
            }
            if (next.isEmpty()) {
                if (!refusedZones.isEmpty()) {
                    return reject(r, "refused for " + String.join(", ", refusedZones));
                }
                return accept(r, "already " + r.mode() + " (" + unchanged + " zone" + (unchanged == 1 ? "" : "s") + ")");
            }
            next.forEach(this::changeZone);
            planCause = (r.mode() == Mode.NORMAL ? "ALL CLEAR" : r.mode().name()) + (r.drill() ? " drill" : "")
                    + " by " + r.source() + " (request " + r.requestId() + ")";
            String note = refusedZones.isEmpty() ? "" : "; refused for " + String.join(", ", refusedZones);
            return accept(r, (r.mode() == Mode.NORMAL ? "ALL CLEAR" : r.mode().name()) + (r.drill() ? " drill" : "")
                    + " in " + next.size() + " zone"
                    + (next.size() == 1 ? "" : "s") + note);
        }

        private Optional<String> checkSource(ModeRequested r) {
            return switch (r.source()) {
                case Source.Operator op -> site.operator(op.id()).isPresent()
                        ? Optional.empty()
                        : Optional.of("unknown operator '" + op.id() + "'");
                case Source.PanicButton b -> site.panicButton(b.id())
                        .map(spec -> r.mode() == Mode.LOCKDOWN && !r.drill() && r.scope().equals(spec.scope())
                                ? Optional.<String>empty()
                                : Optional.of("panic button " + b.id() + " may only start a LOCKDOWN of "
                                        + spec.scope()))
                        .orElse(Optional.of("unknown panic button '" + b.id() + "'"));
                case Source.Detector d -> site.detector(d.id())
                        .map(spec -> spec.policy() == DetectorPolicy.AUTO_LOCKDOWN && r.mode() == Mode.LOCKDOWN
                                && !r.drill() && r.scope().equals(spec.lockdownScope())
                                ? Optional.<String>empty()
                                : Optional.of("detector " + d.id() + " may not start this"))
                        .orElse(Optional.of("unknown detector '" + d.id() + "'"));
            };
        }

        private String describe(Permission p) {
            return switch (p) {
                case INITIATE -> "start or escalate a SECURE or LOCKDOWN";
                case ALL_CLEAR -> "give the ALL CLEAR or step a lockdown down";
                case DRILL -> "start or end a drill";
            };
        }

        private Reply accept(ModeRequested r, String reason) {
            return new Reply(r.requestId(), true, reason);
        }

        private Reply reject(ModeRequested r, String reason) {
            return new Reply(r.requestId(), false, reason);
        }

        /**
         * A peer's newer (higher version), more severe zone mode: adopt it, version and all (escalation only; a drill
         * never overrides a real event).
         */
        void peer(Event.PeerModeSeen p) {
            ZoneMode cur = zones.get(p.zoneId());
            if (cur == null || p.peerControllerId().equals(controllerId)) {
                return;
            }
            if (p.version() > ZoneMode.MAX_VERSION) {
                return; // out of bounds: forged (the uplink refuses it; a journal written before that check may hold one)
            }
            if (p.version() <= cur.version()) {
                return; // not news: this controller has seen as many changes of the zone (or more)
            }
            boolean escalate = p.mode().moreSevereThan(cur.mode()) && !(cur.isRealEmergency() && p.drill());
            boolean makeReal = p.mode() == cur.mode() && cur.drill() && !p.drill();
            if (!escalate && !makeReal) {
                return;
            }
            String reason = (p.reason().isEmpty() ? "" : p.reason() + " ") + "(seen from controller "
                    + p.peerControllerId() + ")";
            changeZone(p.zoneId(), new ZoneMode(p.mode(), p.mode() != Mode.NORMAL && p.drill(), nowMs, p.trigger(),
                    reason, p.version()));
            planCause = p.mode() + (p.drill() ? " drill" : "") + " seen from controller " + p.peerControllerId()
                    + p.trigger().map(t -> " (started by " + t + ")").orElse("");
        }

        private void changeZone(String zoneId, ZoneMode mode) {
            zones.put(zoneId, mode);
            changedZones.add(zoneId);
            emit(new Fact.ZoneModeChanged(zoneId, mode), rest);
        }

        void panic(PanicPressed p) {
            Optional<PanicButtonSpec> spec = site.panicButton(p.buttonId());
            if (spec.isEmpty() || !spec.get().controller().equals(controllerId)) {
                unknownDevice(p.buttonId(), "panic button");
                return;
            }
            startLocal(new ModeRequested("panic-" + p.buttonId() + "-" + nowMs, Mode.LOCKDOWN, spec.get().scope(),
                    false, new Source.PanicButton(p.buttonId()), "panic button at " + spec.get().location()));
        }

        void weapon(WeaponDetected w) {
            Optional<DetectorSpec> found = site.detector(w.detectorId());
            if (found.isEmpty()) {
                unknownDevice(w.detectorId(), "detector");
                return;
            }
            DetectorSpec spec = found.get();
            boolean confident = w.confidencePct() >= spec.minConfidencePct();
            boolean lockdown = spec.policy() == DetectorPolicy.AUTO_LOCKDOWN && confident;
            String where = w.location().isBlank() ? spec.location() : w.location();
            String detail = "sensor " + w.sensorId() + " at " + where + ", confidence " + w.confidencePct() + "%"
                    + (lockdown ? ": starting LOCKDOWN of " + spec.lockdownScope()
                            : spec.policy() == DetectorPolicy.ALERT_ONLY ? ": alert only (site policy)"
                            : ": below " + spec.minConfidencePct() + "%, alert only");
            emit(new Fact.AlertRaised(new Alert(Alert.Kind.WEAPON_DETECTED, spec.id(), where, spec.zone(), detail,
                    false)), rest);
            if (lockdown) {
                startLocal(new ModeRequested("detector-" + spec.id() + "-" + nowMs, Mode.LOCKDOWN,
                        spec.lockdownScope(), false, new Source.Detector(spec.id()),
                        "weapon detected at " + where));
            }
        }

        /** A trigger wired to this controller: act at once, and share it when it reaches other controllers. */
        private void startLocal(ModeRequested r) {
            request(r);
            boolean reachesOthers = site.doors().stream()
                    .anyMatch(d -> !d.controller().equals(controllerId) && r.scope().covers(d.zone()));
            if (reachesOthers || !(r.scope() instanceof Scope.Zone)) {
                emit(new Fact.RequestShared(r), rest);
            }
        }

        void fire(FireAlarmChanged f) {
            boolean was = !fire.isEmpty();
            boolean changed = f.active() ? fire.add(f.alarmId()) : fire.remove(f.alarmId());
            if (changed) {
                emit(new Fact.FireAlarmSet(f.alarmId(), f.active()), rest);
            }
            boolean is = !fire.isEmpty();
            if (was != is) {
                planCause = is ? "fire alarm " + f.alarmId() + ": site fire policy" : "fire alarm cleared";
                emit(new Fact.AlertRaised(new Alert(is ? Alert.Kind.FIRE_ALARM : Alert.Kind.FIRE_ALARM_CLEARED,
                        f.alarmId(), "", "", is ? "fire alarm active: doors follow the site fire policy"
                                : "fire alarm cleared: doors return to their mode's plan", anyDrill())), rest);
            }
        }

        private boolean anyDrill() {
            return zones.values().stream().anyMatch(ZoneMode::drill);
        }

        void fault(DeviceFaulted f) {
            Integer i = doorIndex.get(f.deviceId());
            if (i != null) {
                ds.set(i, ds.get(i).withFault(Optional.of(f.detail())));
                return;
            }
            boolean detector = site.detector(f.deviceId()).isPresent();
            if (!f.detail().equals(faulted.put(f.deviceId(), f.detail()))) {
                emit(new Fact.DeviceFaultSet(f.deviceId(), Optional.of(f.detail())), rest);
                Optional<DetectorSpec> spec = site.detector(f.deviceId());
                emit(new Fact.AlertRaised(new Alert(detector ? Alert.Kind.DETECTOR_OFFLINE : Alert.Kind.DEVICE_FAULT,
                        f.deviceId(), spec.map(DetectorSpec::location).orElse(""),
                        spec.map(DetectorSpec::zone).orElse(""), f.detail(), anyDrill())), rest);
            }
        }

        void recovered(DeviceRecovered r) {
            Integer i = doorIndex.get(r.deviceId());
            if (i != null) {
                // The hardware works again: the lock has its actuation time from now to agree with its command.
                DoorState d = ds.get(i);
                ds.set(i, d.withFault(Optional.empty()).withLockCommanded(d.lockCommanded(), nowMs));
                return;
            }
            if (faulted.remove(r.deviceId()) != null) {
                emit(new Fact.DeviceFaultSet(r.deviceId(), Optional.empty()), rest);
                Optional<DetectorSpec> spec = site.detector(r.deviceId());
                emit(new Fact.AlertRaised(new Alert(spec.isPresent() ? Alert.Kind.DETECTOR_ONLINE
                        : Alert.Kind.DEVICE_FAULT, r.deviceId(), spec.map(DetectorSpec::location).orElse(""),
                        spec.map(DetectorSpec::zone).orElse(""), "recovered", anyDrill())), rest);
            }
        }

        Decision finish() {
            List<Command> publishes = new ArrayList<>();
            for (String z : republishAll ? zones.keySet() : changedZones) {
                publishes.add(new PublishZone(z, zones.get(z)));
            }
            boolean fireActive = !fire.isEmpty();
            for (int i = 0; i < doors.size(); i++) {
                DoorSpec spec = doors.get(i);
                DoorState d = ds.get(i);
                ZoneMode zm = zones.get(spec.zone());
                boolean zoneChanged = changedZones.contains(spec.zone());
                // 1. What the mode and plan want.
                boolean planLocked = switch (site.plan().actionFor(zm.mode(), spec.role())) {
                    case LOCK -> true;
                    case UNLOCK -> false;
                    case LEAVE -> steppedDown(spec.zone()) && site.plan().stepDownFor(spec.role()) == StepDown.NORMAL_PLAN
                            ? site.plan().actionFor(Mode.NORMAL, spec.role()) == DoorAction.LOCK
                            : d.planLocked();
                };
                // A restart in SECURE or LOCKDOWN never unlocks what was locked: the site file may have been edited
                // since (only an ALL CLEAR or the fire policy releases a door).
                if (republishAll && zm.mode() != Mode.NORMAL) {
                    planLocked = planLocked || d.planLocked();
                }
                d = d.withPlan(planLocked);
                // A test lock holds only while the zone is NORMAL and no fire alarm is active.
                if (zm.mode() != Mode.NORMAL || fireActive) {
                    testLocks.remove(spec.id());
                }
                planLocked = planLocked || testLocks.contains(spec.id());
                // 2. The fire policy may release it.
                boolean lock = planLocked && !(fireActive && site.firePolicy().actionFor(spec.role()) == FireAction.UNLOCK);
                if (lock != d.lockCommanded() || republishAll) {
                    d = d.withLockCommanded(lock, nowMs);
                    String cause = !lock && planLocked ? "fire alarm: site fire policy releases " + spec.role()
                            : planCause.isEmpty() ? "plan" : planCause;
                    emit(new Fact.LockDriven(spec.id(), lock, cause), drives);
                }
                // A forcing ends when the lock is released (ALL CLEAR, step-down, fire policy): the open door is then
                // OPEN or PROPPED like any unlocked door, and is not FORCED again in the next lockdown.
                if (d.forced() && !d.lockCommanded()) {
                    d = d.withForced(false);
                }
                // 3. The status follows from commands and sensors.
                Derived now = derive(spec, d, nowMs);
                boolean statusChanged = now.status() != d.status() || !now.detail().equals(d.detail());
                if (statusChanged) {
                    d = d.withStatus(now.status(), now.detail(), nowMs);
                }
                if (statusChanged || republishAll || zoneChanged) {
                    ds.set(i, d);
                    publishes.add(new PublishDoor(view(spec, d, zm)));
                }
                // 4. Alerts: once per breach occurrence; a mode change re-arms them, except a forcing still going on
                // (one alert per forcing, whatever the mode does meanwhile).
                boolean sameForcing = d.forced() && d.alertedStatus().equals(Optional.of(DoorStatus.FORCED));
                if (zoneChanged && !sameForcing) {
                    d = d.withAlerted(Optional.empty());
                }
                if (alertWorthy(spec, d, zm)) {
                    DoorStatus current = d.status();
                    if (d.alertedStatus().map(a -> a != current).orElse(true)) {
                        DoorState alerted = d;
                        emit(new Fact.AlertRaised(new Alert(Alert.kindFor(alerted.status()), spec.id(), spec.room(),
                                spec.zone(), describeBreach(spec, alerted, zm), zm.drill())), publishes);
                        d = d.withAlerted(Optional.of(d.status()));
                    }
                } else if (d.alertedStatus().isPresent() && !d.status().isBreach()) {
                    d = d.withAlerted(Optional.empty());
                }
                ds.set(i, d);
            }
            for (int i = 0; i < doors.size(); i++) {
                if (!ds.get(i).equals(start.doors().get(i))) {
                    facts.add(new Fact.DoorChanged(doors.get(i).id(), ds.get(i)));
                }
            }
            if (!testLocks.equals(start.testLocks())) {
                facts.add(new Fact.TestLocksSet(testLocks));
            }
            List<Command> out = new ArrayList<>(drives);
            out.addAll(publishes);
            out.addAll(rest);
            return new Decision(facts, out);
        }

        /** The zone went to a less severe mode in this step, but not to NORMAL (e.g. LOCKDOWN to SECURE). */
        private boolean steppedDown(String zoneId) {
            ZoneMode before = start.zone(zoneId);
            ZoneMode now = zones.get(zoneId);
            return changedZones.contains(zoneId) && before != null && now.mode() != Mode.NORMAL
                    && before.mode().moreSevereThan(now.mode());
        }

        private DoorView view(DoorSpec spec, DoorState d, ZoneMode zm) {
            return new DoorView(spec.id(), spec.room(), spec.zone(), spec.role(), d.status(), d.open(),
                    d.lockCommanded(), d.statusSinceMs(), d.seq(), d.detail(), zm.drill());
        }

        private boolean alertWorthy(DoorSpec spec, DoorState d, ZoneMode zm) {
            return switch (d.status()) {
                case FAULT, FAILED_TO_SECURE, FORCED -> true;
                case PROPPED -> d.planLocked();
                case OPEN -> d.planLocked() && zm.mode() != Mode.NORMAL;
                case SECURED, UNLOCKED, OFFLINE -> false;
            };
        }

        private String describeBreach(DoorSpec spec, DoorState d, ZoneMode zm) {
            String where = spec.room() + " (" + spec.id() + ", zone " + spec.zone() + ")";
            String during = zm.mode() == Mode.NORMAL ? "" : " during " + zm.mode() + (zm.drill() ? " drill" : "");
            String why = d.detail().isEmpty() ? "" : ": " + d.detail();
            return where + " " + d.status() + during + why;
        }
    }
}
