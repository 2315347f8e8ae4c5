package org.lockstep.controller.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A restart: the state rebuilt from journaled steps by folding their facts ({@link LockdownMachine#replay}). No
 * permission, source, scope or policy check runs, so the site file as it is today cannot change what happened: a
 * removed operator's lockdown is still a lockdown. Pure, like the rest of the core.
 *
 * <p>Today's site file may differ from the one the facts were decided under. A fact about a door or zone the file no
 * longer has changes nothing and is reported. A zone that is gone while it was in SECURE or LOCKDOWN (renamed or
 * removed) does not release anything: every zone the journal never mentioned (a new name) takes the most severe such
 * mode, and says where it came from. Nothing unlocks because of an edit.
 */
public final class Restore {
    private final LockdownMachine machine;
    /** The fold so far: one mutable fold across all records (copying the state per record would cost 50x more). */
    private StateFold fold;
    private long lastMs;
    private final Set<String> unmapped = new TreeSet<>();
    private final Set<String> journaledZones = new HashSet<>();
    private final Map<String, ZoneMode> goneZones = new LinkedHashMap<>();
    private int redecided;

    public Restore(LockdownMachine machine) {
        this.machine = machine;
        this.fold = machine.fold(machine.initial());
    }

    /** A journaled step's facts. */
    public void facts(long atMs, List<Fact> facts) {
        for (Fact f : facts) {
            machine.unmapped(f).ifPresent(unmapped::add);
            switch (f) {
                case Fact.ZoneModeChanged z -> zone(z.zoneId(), z.mode());
                case Fact.Checkpoint c -> c.zones().forEach(this::zone);
                default -> {}
            }
        }
        facts.forEach(fold::apply);
        lastMs = atMs;
    }

    private void zone(String zoneId, ZoneMode mode) {
        journaledZones.add(zoneId);
        if (machine.site().zone(zoneId).isEmpty()) {
            goneZones.put(zoneId, mode);
        }
    }

    /**
     * A step of journal format 1, which holds the input only: decided once more against today's site file (the only
     * way to read it). The restart's own record then carries a checkpoint, so this happens once.
     */
    public void undecided(long atMs, Event input) {
        LockdownMachine.Transition t = machine.apply(fold.build(lastMs), input, atMs);
        t.facts().forEach(f -> {
            if (f instanceof Fact.ZoneModeChanged z) {
                journaledZones.add(z.zoneId());
            }
        });
        fold = machine.fold(t.state());
        lastMs = atMs;
        redecided++;
    }

    /** The state to start from, and what could not be mapped onto today's site file (each a sentence). */
    public record Result(ControllerState state, List<String> problems, int redecided) {}

    public Result finish() {
        List<String> problems = new ArrayList<>();
        for (String what : unmapped) {
            problems.add("journaled " + what + " is not in the site file for controller " + machine.controllerId()
                    + ": its journaled state is dropped");
        }
        Optional<Map.Entry<String, ZoneMode>> held = goneZones.entrySet().stream()
                .filter(e -> e.getValue().mode() != Mode.NORMAL)
                .reduce((a, b) -> b.getValue().mode().moreSevereThan(a.getValue().mode())
                        || (b.getValue().mode() == a.getValue().mode() && a.getValue().drill()
                                && !b.getValue().drill()) ? b : a);
        ControllerState s = fold.build(lastMs);
        if (held.isPresent()) {
            String from = held.get().getKey();
            ZoneMode m = held.get().getValue();
            Map<String, ZoneMode> zones = new LinkedHashMap<>(s.zones());
            List<String> kept = new ArrayList<>();
            for (Map.Entry<String, ZoneMode> z : s.zones().entrySet()) {
                if (!journaledZones.contains(z.getKey()) && z.getValue().mode() == Mode.NORMAL) {
                    zones.put(z.getKey(), new ZoneMode(m.mode(), m.drill(), m.sinceMs(), m.trigger(),
                            m.reason() + " (kept from journaled zone " + from + ", which the site file no longer has)",
                            m.version()));
                    kept.add(z.getKey());
                }
            }
            problems.add("journaled zone " + from + " was in " + m.mode() + (m.drill() ? " drill" : "")
                    + " and is not in the site file: " + (kept.isEmpty() ? "no new zone to carry it to"
                            : "zone(s) " + String.join(", ", kept) + " keep its " + m.mode() + " until an operator"
                                    + " ends it"));
            s = new ControllerState(s.lastMs(), zones, s.doors(), s.activeFireAlarms(), s.faultedDevices(),
                    s.recentReplies(), s.testLocks(), s.recentRequests());
        }
        return new Result(s, problems, redecided);
    }
}
