package org.lockstep.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.simulator.SimulatedSchool;

/**
 * Safety rule 4 across an edit of the site file: a controller journals a LOCKDOWN, stops, and is started again with a
 * different site file. The restart folds the journaled facts (no permission, source or policy check), so it comes
 * back in LOCKDOWN with every one of its doors locked, whatever the edit; what it cannot map is a visible fault.
 */
class SiteEditRestartTest {
    static final String CTL = "east-lower";
    static final Path EXAMPLE = Path.of("../deploy/site.example.yaml");

    @TempDir
    Path dir;

    @Test
    void an_operator_removed_after_the_lockdown_does_not_undo_it() throws Exception {
        SimulatedSchool s = restartWith(y -> y.replace("""
                  - id: rivera
                    name: Ms Rivera (front office)
                    permissions: [initiate, drill]
                """, "").replaceAll("(?m)^    rivera: [A-Za-z0-9+/=]+\n", "")); // and her key, where keys: lists it
        assertLockedDown(s, "east");
    }

    @Test
    void a_policy_that_now_leaves_classrooms_in_a_lockdown_does_not_unlock_them() throws Exception {
        SimulatedSchool s = restartWith(y -> y.replace("plan: {}", "plan: { lockdown: { classroom: leave } }"));
        assertLockedDown(s, "east");
    }

    @Test
    void a_removed_door_is_a_fault_and_the_rest_stay_locked() throws Exception {
        SimulatedSchool s = restartWith(y -> y.replace("""
                  - { id: c106, room: Room 106, zone: east, role: classroom, controller: east-lower,
                      relay: { pin: 22 }, contact: { pin: 8 }, bolt: { pin: 24 } }
                """, ""));
        assertLockedDown(s, "east");
        String fault = s.loop(CTL).state().faultedDevices().get(ControllerLoop.JOURNAL_DEVICE);
        assertTrue(fault != null && fault.contains("door c106"), "the unmapped door is a fault: " + fault);
    }

    @Test
    void an_added_door_locks_with_its_zone() throws Exception {
        SimulatedSchool s = restartWith(y -> y.replace("  - { id: c101, room: Room 101",
                "  - { id: c199, room: Room 199, zone: east, role: classroom, controller: east-lower,\n"
                        + "      relay: { pin: 26 }, contact: { pin: 27 } }\n  - { id: c101, room: Room 101"));
        assertLockedDown(s, "east");
        assertTrue(s.loop(CTL).machine().indexOf("c199").isPresent());
    }

    @Test
    void a_renamed_zone_keeps_the_lockdown() throws Exception {
        SimulatedSchool s = restartWith(y -> y.replace("  - id: east\n    name: East wing", "  - id: eastwing\n"
                + "    name: East wing").replaceAll("zone: east(?![-\\w])", "zone: eastwing"));
        assertLockedDown(s, "eastwing");
        String fault = s.loop(CTL).state().faultedDevices().get(ControllerLoop.JOURNAL_DEVICE);
        assertTrue(fault != null && fault.contains("zone east"), "the unmapped zone is a fault: " + fault);
    }

    /** Journals a LOCKDOWN with the example site, then starts the controller again with the edited file. */
    private SimulatedSchool restartWith(UnaryOperator<String> edit) throws Exception {
        Path journal = dir.resolve("journal");
        SiteConfig before = SiteConfigLoader.load(EXAMPLE);
        try (SimulatedSchool s = school(before, journal)) {
            s.advanceBy(1_000);
            s.request(new Event.ModeRequested("ld", Mode.LOCKDOWN, Scope.SITE, false, new Source.Operator("rivera"),
                    "intruder"));
            s.advanceBy(2_000);
            assertLockedDown(s, "east");
        }
        String text = Files.readString(EXAMPLE);
        String edited = edit.apply(text);
        assertTrue(!edited.equals(text), "the edit changed the file");
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, edited);
        SimulatedSchool after = school(SiteConfigLoader.load(file), journal);
        closeLater = after;
        return after;
    }

    private SimulatedSchool closeLater;

    @org.junit.jupiter.api.AfterEach
    void close() {
        if (closeLater != null) {
            closeLater.close();
        }
    }

    private static SimulatedSchool school(SiteConfig config, Path journal) {
        return SimulatedSchool.create(config, 7, Outbound.NONE, Instant.EPOCH, (id, wall) -> id.equals(CTL)
                ? FileJournal.open(journal, id, JournalSettings.DEFAULTS, wall) : new MemoryJournal());
    }

    private static void assertLockedDown(SimulatedSchool s, String zone) {
        ControllerLoop loop = s.loop(CTL);
        assertEquals(Mode.LOCKDOWN, loop.state().zone(zone).mode(), "zone " + zone);
        for (DoorSpec d : loop.machine().doors()) {
            int i = loop.machine().indexOf(d.id()).orElseThrow();
            assertTrue(loop.state().doors().get(i).lockCommanded(), d.id() + " is commanded locked");
            // fail-secure strikes (the example site): energised = unlocked
            assertTrue(!s.building().door(d.id()).relayEnergised(), d.id() + "'s relay holds it locked");
        }
    }
}
