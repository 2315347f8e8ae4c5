package org.lockstep.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A restart folds journaled facts ({@link Restore}); a checkpoint carries the whole state. Today's site file may
 * differ from the one the facts were decided under: what is gone is reported, and nothing unlocks because of an edit
 * (safety rule 4).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RestoreTest {
    private static final long T = 1_000;

    private static Restore.Result restore(Site site, Harness h) {
        Restore r = new Restore(new LockdownMachine(site, "east-ctl"));
        h.journal.forEach(j -> r.facts(j.atMs(), j.facts()));
        return r.finish();
    }

    /** A lockdown with some of everything in the state: a fault, a fire alarm, answered requests. */
    private static Harness busy() {
        return Harness.east().lockdown(T).settleBolts(T + 50).apply(new Event.DeviceFaulted("wd-auto", "silent"), 2 * T)
                .apply(new Event.FireAlarmChanged("fire-east", true), 3 * T)
                .apply(new Event.ContactChanged("c102", true), 4 * T).at(5 * T);
    }

    @Test
    void the_journal_on_the_same_site_rebuilds_the_live_state_and_reports_nothing() {
        Harness h = busy();
        Restore.Result r = restore(TestSites.small(), h);
        assertEquals(h.state, r.state());
        assertEquals(List.of(), r.problems());
        assertEquals(0, r.redecided());
    }

    @Test
    void a_checkpoint_replaces_the_whole_state_it_is_folded_into() {
        Harness live = busy();
        // Another state with something in every part the checkpoint must replace: a test lock, another fault,
        // other answered requests, no fire alarm.
        Harness other = Harness.east().apply(new Event.LockTestRequested("t", "c101", true,
                new Source.Operator("principal")), T).apply(new Event.DeviceFaulted("wd-alert", "silent"), T)
                .apply(new Event.FireAlarmChanged("fire-east", true), T);
        other.apply(new Event.FireAlarmChanged("fire-east", false), T + 1);
        other.apply(new Event.LockTestRequested("t2", "c102", true, new Source.Operator("principal")), T + 2);
        assertFalse(other.state.testLocks().isEmpty());
        Fact.Checkpoint cp = live.machine.checkpoint(live.state);
        assertEquals(live.state, live.machine.replay(other.state, live.state.lastMs(), List.of(cp)));
        assertEquals(other.state, other.machine.replay(live.state, other.state.lastMs(),
                List.of(other.machine.checkpoint(other.state))));
        // And into a state with a fire alarm the checkpoint does not have.
        Harness quiet = Harness.east();
        Harness burning = Harness.east().apply(new Event.FireAlarmChanged("fire-east", true), T);
        assertEquals(quiet.state.activeFireAlarms(), burning.machine.replay(burning.state, 0,
                List.of(quiet.machine.checkpoint(quiet.state))).activeFireAlarms());
        // evolve is one fact of that fold, at the state's own time.
        assertEquals(live.machine.replay(other.state, other.state.lastMs(), List.of(cp)),
                live.machine.evolve(other.state, cp));
    }

    @Test
    void decide_returns_the_facts_and_commands_that_apply_carries_out() {
        Harness h = Harness.east();
        Event e = new Event.ModeRequested("r", Mode.LOCKDOWN, Scope.SITE, false, new Source.Operator("office"), "");
        LockdownMachine.Decision d = h.machine.decide(h.state, e, T);
        LockdownMachine.Transition t = h.machine.apply(h.state, e, T);
        assertEquals(t.facts(), d.facts());
        assertEquals(t.commands(), d.commands());
        assertTrue(d.facts().stream().anyMatch(Fact.ZoneModeChanged.class::isInstance), d.facts().toString());
    }

    @Test
    void a_removed_door_and_a_renamed_zone_are_reported_and_the_new_zone_keeps_the_lockdown() {
        Harness h = Harness.east().lockdown(T).settleBolts(T + 50);
        Restore.Result r = restore(TestSites.renamed(), h);
        assertEquals(List.of(
                "journaled door c101 is not in the site file for controller east-ctl: its journaled state is dropped",
                "journaled zone east is not in the site file for controller east-ctl: its journaled state is dropped",
                "journaled zone east was in LOCKDOWN and is not in the site file: zone(s) east-wing keep its LOCKDOWN"
                        + " until an operator ends it"), r.problems());
        ZoneMode wing = r.state().zone("east-wing");
        assertEquals(Mode.LOCKDOWN, wing.mode());
        assertFalse(wing.drill());
        assertTrue(wing.reason().endsWith("(kept from journaled zone east, which the site file no longer has)"),
                wing.reason());
        assertEquals(Mode.LOCKDOWN, r.state().zone("west").mode(), "journaled, kept as journaled");
        assertEquals(h.state.zone("west"), r.state().zone("west"));
    }

    @Test
    void a_checkpoint_naming_a_removed_door_and_zone_is_reported_once_in_one_sentence() {
        Harness h = Harness.east().lockdown(T).settleBolts(T + 50);
        Restore r = new Restore(new LockdownMachine(TestSites.renamed(), "east-ctl"));
        r.facts(h.now, List.of(h.machine.checkpoint(h.state)));
        Restore.Result result = r.finish();
        assertEquals(List.of("journaled zone east, door c101 is not in the site file for controller east-ctl: its"
                + " journaled state is dropped", "journaled zone east was in LOCKDOWN and is not in the site file:"
                + " zone(s) east-wing keep its LOCKDOWN until an operator ends it"), result.problems());
        assertEquals(Mode.LOCKDOWN, result.state().zone("east-wing").mode());
        // The doors the site still has come back as they were.
        LockdownMachine edited = new LockdownMachine(TestSites.renamed(), "east-ctl");
        assertEquals(h.door("x1"), result.state().doors().get(edited.indexOf("x1").orElseThrow()));
        assertEquals(h.door("c102"), result.state().doors().get(edited.indexOf("c102").orElseThrow()));
    }

    @Test
    void a_restart_locks_a_door_added_to_a_zone_in_lockdown() {
        Harness h = Harness.east().lockdown(T).settleBolts(T + 50);
        LockdownMachine edited = new LockdownMachine(TestSites.renamed(), "east-ctl");
        Restore.Result r = restore(TestSites.renamed(), h);
        LockdownMachine.Transition t = edited.apply(r.state(), new Event.ControllerStarted(), 2 * T);
        List<Command.DriveLock> drives = t.commands().stream().filter(Command.DriveLock.class::isInstance)
                .map(Command.DriveLock.class::cast).toList();
        assertEquals(List.of("c102", "x1", "c103"), drives.stream().map(Command.DriveLock::doorId).toList());
        assertTrue(drives.stream().allMatch(Command.DriveLock::lock), drives.toString());
    }

    /** Zones east and west of the journal, both gone from a site whose only zone is new: which mode the hall keeps. */
    static Stream<Arguments> goneZones() {
        return Stream.of(
                Arguments.of("east SECURE, west LOCKDOWN", Mode.SECURE, false, Mode.LOCKDOWN, false, Mode.LOCKDOWN,
                        false, "west"),
                Arguments.of("east LOCKDOWN, west SECURE", Mode.LOCKDOWN, false, Mode.SECURE, false, Mode.LOCKDOWN,
                        false, "east"),
                Arguments.of("east LOCKDOWN drill, west LOCKDOWN", Mode.LOCKDOWN, true, Mode.LOCKDOWN, false,
                        Mode.LOCKDOWN, false, "west"),
                Arguments.of("east LOCKDOWN, west LOCKDOWN drill", Mode.LOCKDOWN, false, Mode.LOCKDOWN, true,
                        Mode.LOCKDOWN, false, "east"),
                Arguments.of("east SECURE, west SECURE drill", Mode.SECURE, false, Mode.SECURE, true, Mode.SECURE,
                        false, "east"),
                Arguments.of("east NORMAL, west SECURE drill", Mode.NORMAL, false, Mode.SECURE, true, Mode.SECURE,
                        true, "west"),
                Arguments.of("both NORMAL", Mode.NORMAL, false, Mode.NORMAL, false, Mode.NORMAL, false, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goneZones")
    void the_most_severe_real_mode_of_the_gone_zones_is_kept(String what, Mode east, boolean eastDrill, Mode west,
            boolean westDrill, Mode kept, boolean keptDrill, String from) {
        Harness h = Harness.east();
        if (east != Mode.NORMAL) {
            h.request("e", east, Scope.zone("east"), eastDrill, "principal", T);
        }
        if (west != Mode.NORMAL) {
            h.request("w", west, Scope.zone("west"), westDrill, "principal", 2 * T);
        }
        Restore.Result r = restore(TestSites.oneHall(), h);
        assertEquals(kept, r.state().zone("hall").mode(), what);
        assertEquals(keptDrill, r.state().zone("hall").drill(), what);
        List<String> held = r.problems().stream().filter(p -> p.contains(" was in ")).toList();
        if (from.isEmpty()) {
            assertEquals(List.of(), held);
        } else {
            assertEquals(List.of("journaled zone " + from + " was in " + kept + (keptDrill ? " drill" : "")
                    + " and is not in the site file: zone(s) hall keep its " + kept + " until an operator ends it"),
                    held);
        }
    }

    @Test
    void a_gone_zone_that_ended_in_normal_holds_nothing() {
        Harness h = Harness.east().request("e", Mode.LOCKDOWN, Scope.zone("east"), false, "principal", T)
                .request("c", Mode.NORMAL, Scope.zone("east"), false, "principal", 2 * T);
        Restore.Result r = restore(TestSites.oneHall(), h);
        assertEquals(List.of("journaled zone east is not in the site file for controller east-ctl: its journaled"
                + " state is dropped"), r.problems());
        assertEquals(ZoneMode.initial(), r.state().zone("hall"));
    }

    @Test
    void a_gone_zone_with_no_new_zone_to_carry_it_says_so() {
        Harness h = Harness.east().request("e", Mode.LOCKDOWN, Scope.zone("east"), false, "principal", T)
                .request("w", Mode.SECURE, Scope.zone("west"), false, "principal", 2 * T);
        Restore.Result r = restore(TestSites.westOnly(), h);
        String dropped = " is not in the site file for controller east-ctl: its journaled state is dropped";
        assertEquals(List.of("journaled door c101" + dropped, "journaled door c102" + dropped,
                "journaled door x1" + dropped, "journaled zone east" + dropped,
                "journaled zone east was in LOCKDOWN and is not in the site file: no new zone to carry it to"),
                r.problems());
        assertEquals(Mode.SECURE, r.state().zone("west").mode(), "journaled: kept as journaled");
    }

    @Test
    void a_format_1_input_is_decided_again_and_its_zones_count_as_journaled() {
        // The new zone east-wing was ended by format-1 steps: the gone zone's SECURE does not overwrite it.
        Harness h = Harness.east().request("e", Mode.SECURE, Scope.zone("east"), false, "principal", T);
        LockdownMachine edited = new LockdownMachine(TestSites.renamed(), "east-ctl");
        Restore r = new Restore(edited);
        h.journal.forEach(j -> r.facts(j.atMs(), j.facts()));
        r.undecided(2 * T, new Event.ModeRequested("l", Mode.LOCKDOWN, Scope.zone("east-wing"), false,
                new Source.Operator("principal"), ""));
        r.undecided(3 * T, new Event.ModeRequested("c", Mode.NORMAL, Scope.zone("east-wing"), false,
                new Source.Operator("principal"), ""));
        Restore.Result result = r.finish();
        assertEquals(2, result.redecided());
        assertEquals(Mode.NORMAL, result.state().zone("east-wing").mode());
        assertEquals(Mode.SECURE, result.state().zone("west").mode(), "never journaled: keeps the gone zone's mode");
        assertEquals(3 * T, result.state().lastMs());
        assertTrue(result.problems().contains("journaled zone east was in SECURE and is not in the site file:"
                + " zone(s) west keep its SECURE until an operator ends it"), result.problems().toString());
    }

    @Test
    void facts_that_name_no_door_or_zone_are_never_unmapped() {
        LockdownMachine edited = new LockdownMachine(TestSites.westOnly(), "east-ctl");
        Harness h = busy();
        h.journal.stream().flatMap(j -> j.facts().stream())
                .filter(f -> !(f instanceof Fact.ZoneModeChanged) && !(f instanceof Fact.DoorChanged))
                .forEach(f -> assertTrue(edited.unmapped(f).isEmpty(), f.toString()));
    }
}
