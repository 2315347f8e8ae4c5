package org.lockstep.controller.shell;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.ControllerState;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Restore;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.device.DeviceSignal;
import org.tinylog.Logger;

/**
 * The one owner of a controller's state. Other threads only offer inputs, to one of two lanes: the local lane
 * ({@link #offer}: this box's hardware) and the network lane ({@link #offerNetwork}: bounded, rate-limited per source,
 * see {@link LaneLimits}); the local lane is always served first. This class turns edges into
 * device signals, signals into core events, applies them, and carries out the commands in this order:
 * <ol>
 *   <li>lock drives (safety rule 1: a lockdown waits on nothing: not the disk, not the network, not a log);</li>
 *   <li>the journal append (so nothing is published or acknowledged that a restart would forget);</li>
 *   <li>publishes, alerts, replies and shared requests, each of which only queues.</li>
 * </ol>
 * An input whose handling throws is dropped and raised as a fault ({@link LoopFaults}); the loop goes on.
 * Not thread-safe by design: {@link #start}, {@link #processPending} and {@link #runDue} are called by one thread —
 * {@link LoopThread} on a real controller, the simulator's step function in the simulator.
 */
public final class ControllerLoop {
    private final LockdownMachine machine;
    private final ControllerDevices devices;
    private final EventJournal journal;
    private final Outbound outbound;
    private final SiteBus bus;
    private final MonotonicClock clock;
    private final LoopSignal signal = new LoopSignal();
    private final Inbox inbox = new Inbox(signal);
    private final NetworkLane network;
    private final LoopFaults faults;
    private final LaneReport laneReport;
    /** How often a relay write that failed is tried again: a lock that did not throw must not be given up on. */
    public static final long RELAY_RETRY_MS = 1_000;
    static final String RELAY_FAULT = "relay: ";

    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    /** Door id → the lock state whose write failed, in the order they failed. */
    private final java.util.LinkedHashMap<String, Boolean> failedDrives = new java.util.LinkedHashMap<>();
    private long relayRetryAtMs = Long.MAX_VALUE;
    private ControllerState state;
    private boolean started;
    /** The device id a journal failure is raised under (an alert and a fault in the status, like any device). */
    public static final String JOURNAL_DEVICE = "journal";
    /** Written by the loop thread, read by the uplink's ({@link #journalHealth()}). */
    private volatile long journalFailures;
    /** A checkpoint every this many journaled steps (and at every start) bounds a restart's replay. */
    public static final int CHECKPOINT_EVERY = 10_000;
    private int sinceCheckpoint;
    private volatile long requestsRefused;
    private volatile long requestsNotJournaled;
    private volatile boolean journalFaulted;
    /**
     * The journal watchdog: a record not on disk (written and, for a mode change, fsynced) this long after its step is a
     * {@code journal} fault, and what the loop held back for it is published (the console sees the mode and the fault:
     * it may not survive a power cut). Checked at every turn of the loop (at least every 250 ms).
     */
    public static final long JOURNAL_STALL_MS = 2_000;
    private final HeldPublishes held = new HeldPublishes();
    /** The journal writes on a thread of its own (settles appends later): hold publishes, owe a checkpoint. */
    private final boolean asyncJournal;
    private volatile boolean journalStalled;
    private long seenWriteFailures;
    private boolean checkpointOwed;

    public ControllerLoop(LockdownMachine machine, ControllerDevices devices, EventJournal journal, Outbound outbound,
            SiteBus bus, MonotonicClock clock) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = machine.initial();
        this.network = new NetworkLane(new SourceLimiter(NetworkLane.knownSources(machine.site())), clock, signal);
        this.faults = new LoopFaults(machine.controllerId());
        this.laneReport = new LaneReport(machine.controllerId(), inbox, network);
        devices.attach(this::onSignal, inbox);
        this.asyncJournal = journal.settled() != Long.MAX_VALUE;
        journal.onSettled(signal::signal);
    }

    public String controllerId() {
        return machine.controllerId();
    }

    public LockdownMachine machine() {
        return machine;
    }

    public ControllerState state() {
        return state;
    }

    public Inbox inbox() {
        return inbox;
    }

    public NetworkLane network() {
        return network;
    }

    /**
     * Thread-safe: hands a local input (this box's hardware, the CLI, an in-process bus) to the local lane and returns
     * at once. False if the lane was full (counted, raised as a fault). Never for what came over a network.
     */
    public boolean offer(LoopInput input) {
        return inbox.offer(input);
    }

    /** Thread-safe: the network lane (see {@link NetworkInbox}, {@link LaneLimits}); never fills the local lane. */
    public NetworkInbox.Admission offerNetwork(String sourceKey, Event event) {
        return network.offer(sourceKey, event);
    }

    /** Whether either lane holds an input. */
    public boolean hasPending() {
        return inbox.size() > 0 || network.size() > 0;
    }

    /** Waits (loop thread) until either lane holds an input or {@code waitMs} has passed. */
    void awaitInput(long waitMs) throws InterruptedException {
        signal.await(waitMs, () -> hasPending() || held.releasable(journal.settled()));
    }

    /** Inputs dropped because handling them threw (each one a counted fault; the loop went on). */
    public long droppedInputs() {
        return faults.failures();
    }

    /**
     * Brings the controller up, in the order safety rule 4 asks for: relays to their safe state, the journal
     * replayed (the mode it was in), the inputs read, then every relay re-asserted for that mode — all before
     * anything talks to a network (the caller connects MQTT after this returns).
     */
    public void start() {
        assert !started : "start() twice";
        devices.driveAllSafe();
        List<EventJournal.Entry> entries;
        try {
            entries = journal.readAll();
        } catch (RuntimeException e) {
            // Start and lock anyway: an unreadable journal must not keep the doors from working. Raised below.
            Logger.error(e, "{}: journal unreadable, starting from NORMAL", controllerId());
            entries = List.of();
            pending.add(new Event.DeviceFaulted(JOURNAL_DEVICE, "unreadable at start: " + e.getMessage()));
        }
        Restore.Result restored = restore(entries);
        state = restored.state();
        for (String problem : restored.problems()) {
            Logger.error("{}: journal replay: {}", controllerId(), problem);
            pending.add(new Event.DeviceFaulted(JOURNAL_DEVICE, problem));
        }
        List<String> problems = journal.openProblems();
        if (!problems.isEmpty()) {
            pending.add(new Event.DeviceFaulted(JOURNAL_DEVICE, problems.size() + " problem(s) at open: "
                    + problems.getFirst()));
        }
        started = true;
        long now = clock.nowMs();
        devices.start(now);
        handle(new Event.ControllerStarted(), now);
        drainPending(now);
    }

    /**
     * Rebuilds the state from the journal with facts only (no permission or policy check runs), from the last
     * checkpoint on. Format-1 records (input only) before any checkpoint are decided once more.
     */
    private Restore.Result restore(List<EventJournal.Entry> entries) {
        int from = 0;
        for (int i = entries.size() - 1; i >= 0 && from == 0; i--) {
            for (Fact f : entries.get(i).facts()) {
                if (f instanceof Fact.Checkpoint) {
                    from = i;
                }
            }
        }
        Restore restore = new Restore(machine);
        for (EventJournal.Entry e : entries.subList(from, entries.size())) {
            if (e.decided()) {
                List<Fact> facts = e.facts();
                restore.facts(e.atMs(), from > 0 && e == entries.get(from) ? lastCheckpointOn(facts) : facts);
            } else {
                restore.undecided(e.atMs(), e.event());
            }
        }
        Restore.Result r = restore.finish();
        if (!entries.isEmpty()) {
            Logger.info("{}: replayed {} of {} journal entries (from the last checkpoint; {} format-1 input(s)"
                    + " decided again)", controllerId(), entries.size() - from, entries.size(), r.redecided());
        }
        return r;
    }

    /** A checkpoint holds the whole state: the facts before it in its step are in it. */
    private static List<Fact> lastCheckpointOn(List<Fact> facts) {
        int last = 0;
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i) instanceof Fact.Checkpoint) {
                last = i;
            }
        }
        return facts.subList(last, facts.size());
    }

    /**
     * Handles everything in the local lane, then at most {@link LaneLimits#NETWORK_PER_TURN} network inputs, draining
     * the local lane again before each: a panic edge waits for one network input at most. Never waits.
     */
    public void processPending() {
        releaseSettled(clock.nowMs());
        drainLocal();
        for (int n = 0; n < LaneLimits.NETWORK_PER_TURN; n++) {
            Event e = network.poll();
            if (e == null) {
                return;
            }
            handle(new LoopInput.External(e));
            drainLocal();
        }
    }

    private void drainLocal() {
        LoopInput input;
        while ((input = inbox.poll()) != null) {
            handle(input);
        }
    }

    /** Lets drivers and the core act on the time: call at {@link #nextWakeMs()} or any time after. */
    public void runDue() {
        long now = clock.nowMs();
        devices.poll(now);
        watchJournal(now);
        releaseSettled(now);
        drainPending(now);
        if (now >= relayRetryAtMs) {
            retryFailedDrives(now);
        }
        OptionalLong due = machine.nextDeadlineMs(state);
        if (due.isPresent() && due.getAsLong() <= now) {
            handle(new Event.TimeAdvanced(), now);
            drainPending(now);
        }
        laneReport.due(now).forEach(this::handleNow);
        faults.summary(now).ifPresent(this::handleNow);
        outbound.tick(now);
    }

    private void handleNow(Event e) {
        pending.add(e);
        drainPending(clock.nowMs());
    }

    /** The earliest time a driver or the core needs {@link #runDue()}. */
    public OptionalLong nextWakeMs() {
        OptionalLong a = devices.nextDeadlineMs();
        if (relayRetryAtMs != Long.MAX_VALUE) {
            a = OptionalLong.of(a.isPresent() ? Math.min(a.getAsLong(), relayRetryAtMs) : relayRetryAtMs);
        }
        OptionalLong b = machine.nextDeadlineMs(state);
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
    }

    void handle(LoopInput input) {
        try {
            switch (input) {
                case LoopInput.Edge e -> devices.onEdge(e.inputId(), e.high(), e.atMs());
                case LoopInput.SerialBytes b -> devices.onSerialBytes(b.linkId(), b.bytes(), b.atMs());
                case LoopInput.SerialDisconnected d -> devices.onSerialDisconnected(d.linkId(), d.detail(), d.atMs());
                case LoopInput.External x -> pending.add(x.event());
            }
        } catch (RuntimeException | AssertionError e) {
            faults.failed(input, e, clock.nowMs()).ifPresent(pending::add);
        }
        drainPending(clock.nowMs());
    }

    private void onSignal(DeviceSignal signal) {
        pending.add(switch (signal) {
            case DeviceSignal.ContactChanged c -> new Event.ContactChanged(c.deviceId(), c.open());
            case DeviceSignal.BoltChanged b -> new Event.BoltChanged(b.deviceId(), b.thrown());
            case DeviceSignal.PanicTriggered p -> new Event.PanicPressed(p.deviceId());
            case DeviceSignal.FireAlarmChanged f -> new Event.FireAlarmChanged(f.deviceId(), f.active());
            case DeviceSignal.WeaponDetected w ->
                    new Event.WeaponDetected(w.deviceId(), w.sensorId(), w.confidencePct(), w.location());
            case DeviceSignal.DeviceFaulted f -> new Event.DeviceFaulted(f.deviceId(), f.detail());
            case DeviceSignal.DeviceRecovered r -> new Event.DeviceRecovered(r.deviceId());
        });
    }

    private void drainPending(long now) {
        Event e;
        while ((e = pending.poll()) != null) {
            try {
                handle(e, now);
            } catch (RuntimeException | AssertionError x) {
                // The core threw before the state was replaced: the state is what it was before this event.
                faults.failed(e, x, now).ifPresent(pending::add);
            }
        }
    }

    private void handle(Event event, long now) {
        ControllerState before = state;
        LockdownMachine.Transition t = machine.apply(state, event, now);
        state = t.state();
        List<Command> commands = t.commands();
        int i = 0;
        for (; i < commands.size() && commands.get(i) instanceof Command.DriveLock d; i++) {
            drive(d.doorId(), d.lock(), now);
        }
        List<Fact> facts = t.facts();
        if (event instanceof Event.ControllerStarted || ++sinceCheckpoint >= CHECKPOINT_EVERY || checkpointOwed) {
            // The whole state after this step: a restart starts here (and format-1 history is decided only once).
            facts = new java.util.ArrayList<>(facts);
            facts.add(machine.checkpoint(state));
            sinceCheckpoint = 0;
        }
        long ticket = 0;
        switch (JournalPolicy.decide(event, before, state)) {
            case DURABLE -> ticket = appendToJournal(event, facts, now) ? journal.taken() : 0;
            case APPEND -> appendToJournal(event, facts, now);
            case SKIP -> requestsNotJournaled++;
        }
        List<Command> rest = commands.subList(i, commands.size());
        for (Command c : rest) {
            if (c instanceof Command.Reply r && !r.accepted()) {
                requestsRefused++;
            }
        }
        if (!rest.isEmpty() && !journalStalled && (!held.isEmpty() || ticket > journal.settled())) {
            // A mode change is not on disk yet: what it (and anything after it) publishes waits for it.
            held.hold(ticket, rest);
            return;
        }
        rest.forEach(c -> carryOutSafely(c, now));
    }

    private void carryOutSafely(Command c, long now) {
        try {
            carryOut(c, now);
        } catch (RuntimeException | AssertionError x) {
            // One publish that fails (an encoding bug) must not cost the others; the state has moved already.
            faults.failed(c, x, now).ifPresent(pending::add);
        }
    }

    /** Publishes what waited for records now on disk, after raising the writer's failures (if any) as a fault. */
    private void releaseSettled(long now) {
        long failures = journal.writeFailures();
        if (failures > seenWriteFailures) {
            journalFailures += failures - seenWriteFailures;
            seenWriteFailures = failures;
            checkpointOwed = true;
            if (!journalFaulted) {
                journalFaulted = true;
                Logger.error("{}: journal write failed: {}", controllerId(), journal.lastWriteFailure());
                pending.add(new Event.DeviceFaulted(JOURNAL_DEVICE, "append failed: " + journal.lastWriteFailure()));
            }
        }
        held.release(journal.settled(), c -> carryOutSafely(c, now));
    }

    /** The journal watchdog ({@link #JOURNAL_STALL_MS}): a stalled disk is a fault, never a silent hold. */
    private void watchJournal(long now) {
        java.util.OptionalLong oldest = journal.oldestUnsettledAtMs();
        boolean stalled = oldest.isPresent() && now - oldest.getAsLong() >= JOURNAL_STALL_MS;
        if (stalled && !journalStalled) {
            journalStalled = true;
            Logger.error("{}: journal record not on disk after {} ms: the disk is stalled; {} held step(s) published"
                    + " before they are durable", controllerId(), now - oldest.getAsLong(), held.steps());
            pending.add(new Event.DeviceFaulted(JOURNAL_DEVICE, "record not on disk after " + JOURNAL_STALL_MS
                    + " ms (fsync stalled): modes are published before they are durable"));
            held.releaseAll(c -> carryOutSafely(c, now));
        } else if (journalStalled && !stalled) {
            journalStalled = false;
            Logger.info("{}: journal writes reach the disk again", controllerId());
            if (!journalFaulted) {
                pending.add(new Event.DeviceRecovered(JOURNAL_DEVICE));
            }
        }
    }

    private void carryOut(Command command, long now) {
        switch (command) {
            case Command.DriveLock d -> throw new AssertionError("drives come first: " + d);
            case Command.PublishDoor p -> outbound.door(controllerId(), p.door());
            case Command.PublishZone z -> outbound.zone(controllerId(), z.zoneId(), z.mode());
            case Command.RaiseAlert a -> outbound.alert(controllerId(), a.alert(), now);
            case Command.Reply r -> outbound.reply(controllerId(), r);
            case Command.ShareRequest s -> bus.share(controllerId(), s.request());
        }
    }

    /**
     * A journal that cannot write (disk full, I/O error) must not stop the loop or delay a relay (they were driven
     * already): the failure is counted, logged once, and raised as a fault; the first success after it clears it.
     */
    private boolean appendToJournal(Event event, List<Fact> facts, long now) {
        try {
            journal.append(now, event, facts);
            if (facts.stream().anyMatch(Fact.Checkpoint.class::isInstance)) {
                checkpointOwed = false;
            }
            if (journalFaulted && journal.lastWriteOk() && journal.writeFailures() == seenWriteFailures) {
                journalFaulted = false;
                Logger.info("{}: journal writes work again after {} failure(s)", controllerId(), journalFailures);
                pending.add(new Event.DeviceRecovered(JOURNAL_DEVICE));
            }
            return true;
        } catch (RuntimeException e) {
            journalFailures++;
            // A writer far behind refused the record: once it catches up, a checkpoint puts the state on disk again.
            checkpointOwed = asyncJournal;
            if (!journalFaulted) {
                journalFaulted = true;
                Logger.error("{}: journal append failed: {}", controllerId(), e.getMessage());
                pending.add(new Event.DeviceFaulted(JOURNAL_DEVICE, "append failed: " + e.getMessage()));
            }
            return false;
        } finally {
            // Also after a failed append: the next segment's restart-point flag must follow the mode, not the disk.
            journal.quiescent(isQuiescent());
        }
    }

    private boolean isQuiescent() {
        return !state.fireAlarmActive()
                && state.zones().values().stream().allMatch(z -> z.mode() == org.lockstep.controller.core.Mode.NORMAL);
    }

    /** Requests the core refused since start (each answered with its reason; journaled, never fsynced on its own). */
    public long requestsRefused() {
        return requestsRefused;
    }

    /** Requests from outside that changed nothing (repeats of a known id, stale peer modes): not journaled again. */
    public long requestsNotJournaled() {
        return requestsNotJournaled;
    }

    /**
     * The journal's health for {@code lockstep status}; safe from any thread (volatile counts, the open problems fixed
     * at open, the reserve's volatile flag).
     */
    public org.lockstep.controller.journal.JournalHealth journalHealth() {
        var file = journal instanceof org.lockstep.controller.journal.GroupCommitWriter w ? w.file() : journal;
        boolean persistent = file instanceof org.lockstep.controller.journal.FileJournal;
        boolean reserve = !(file instanceof org.lockstep.controller.journal.FileJournal f) || f.reserveHeld();
        return new org.lockstep.controller.journal.JournalHealth(persistent,
                !journalFaulted && !journalStalled && reserve,
                journalFailures, journal.openProblems().size());
    }

    /** Events that could not be journaled since start (each failure is counted, the first one raised as a fault). */
    public long journalFailures() {
        return journalFailures;
    }

    private void drive(String doorId, boolean lock, long now) {
        boolean wasFailing = failedDrives.remove(doorId) != null || hasRelayFault(doorId);
        try {
            devices.driveLock(doorId, lock);
            if (wasFailing) {
                Logger.info("{}: relay of {} works again", controllerId(), doorId);
                pending.add(new Event.DeviceRecovered(doorId));
            }
        } catch (RuntimeException ex) { // HardwareException, or a driver bug: either way this door is in fault
            // Never swallowed: the door shows FAULT, an alert names it, and the write is retried.
            failedDrives.put(doorId, lock);
            relayRetryAtMs = Math.min(relayRetryAtMs, now + RELAY_RETRY_MS);
            if (!wasFailing) {
                Logger.error("{}: {} {} failed: {}", controllerId(), lock ? "lock" : "unlock", doorId,
                        ex.getMessage());
                pending.add(new Event.DeviceFaulted(doorId, RELAY_FAULT + ex.getMessage()));
            }
        }
    }

    /** A relay fault the core knows of, e.g. replayed from the journal after a restart. */
    private boolean hasRelayFault(String doorId) {
        return machine.indexOf(doorId)
                .map(i -> state.doors().get(i).fault().map(f -> f.startsWith(RELAY_FAULT)).orElse(false))
                .orElse(false);
    }

    private void retryFailedDrives(long now) {
        relayRetryAtMs = Long.MAX_VALUE;
        for (var e : new java.util.ArrayList<>(failedDrives.entrySet())) {
            drive(e.getKey(), e.getValue(), now);
        }
        drainPending(now);
    }

    /** Doors whose last relay write failed and is being retried. */
    public java.util.Set<String> failingRelays() {
        return java.util.Set.copyOf(failedDrives.keySet());
    }

    /** Stops the drivers and releases the pins (outputs go to their shutdown level). */
    public void close() {
        devices.close();
        journal.close();
    }
}
