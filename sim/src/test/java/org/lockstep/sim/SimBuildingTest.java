package org.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockstep.sim.Wiring.ACTUATION_MS;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.DigitalInput;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.LockActuator;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SimBuildingTest {
    private static final BuildingPlan PLAN = BuildingPlan.builder()
            .door(Wiring.door("secure-strike", "east", FailMode.FAIL_SECURE, true))
            .door(Wiring.door("maglock", "east", FailMode.FAIL_SAFE, false))
            .door(Wiring.door("west-door", "west", FailMode.FAIL_SAFE, true))
            .panicButton("pb1", "east", Wiring.BUTTON_PRESSED_LOW)
            .fireAlarm("fa1", "east", Wiring.ACTIVE_HIGH)
            .dryContactDetector("wd1", "west", "main entrance", Wiring.ACTIVE_HIGH)
            .serialDetector("sd1", "east")
            .build();

    private final SimBuilding building = SimBuilding.seeded(PLAN, 42);
    private final VirtualClock clock = building.clock();

    private LockActuator actuator(String doorId) {
        return new LockActuator(doorId, building.relay(doorId), building.door(doorId).spec().relay());
    }

    @Test
    void a_power_cut_leaves_fail_secure_locks_locked_and_fail_safe_ones_unlocked() {
        actuator("secure-strike").unlock();
        actuator("maglock").lock();
        actuator("west-door").lock();
        clock.advanceBy(ACTUATION_MS);
        assertFalse(building.door("secure-strike").boltExtended());
        assertTrue(building.door("maglock").boltExtended());

        building.powerCut("east");
        clock.advanceBy(ACTUATION_MS);
        assertTrue(building.door("secure-strike").boltExtended(), "fail-secure locks when unpowered");
        assertFalse(building.door("maglock").boltExtended(), "fail-safe releases when unpowered");
        assertTrue(building.door("west-door").boltExtended(), "another controller's door is untouched");
    }

    @Test
    void a_stuck_relay_outlasts_a_power_cut() {
        actuator("maglock").lock();
        clock.advanceBy(ACTUATION_MS);
        building.inject(new SimFault.RelayStuck("maglock"));
        building.inject(new SimFault.PowerCut("east"));
        clock.advanceBy(ACTUATION_MS);
        assertTrue(building.door("maglock").boltExtended());
    }

    @Test
    void a_dead_controller_hears_nothing_and_its_writes_fail() {
        DigitalInput contact = building.contact("maglock");
        List<Boolean> edges = new ArrayList<>();
        contact.setListener((id, high, at) -> edges.add(high));
        var oldRelay = building.relay("maglock");

        building.powerCut("east");
        building.door("maglock").prop();
        clock.advanceBy(100);
        assertEquals(List.of(), edges);
        assertThrows(HardwareException.class, () -> oldRelay.drive(!oldRelay.isHigh()));
    }

    @Test
    void after_power_is_restored_the_restarted_controller_gets_fresh_ports_that_read_the_truth() {
        DigitalInput before = building.contact("maglock");
        building.powerCut("east");
        building.door("maglock").prop();
        building.powerRestore("east");

        DigitalInput after = building.contact("maglock");
        assertNotSame(before, after);
        assertTrue(after.isHigh(), "the fresh port reads the door opened during the outage");
        List<Boolean> edges = new ArrayList<>();
        after.setListener((id, high, at) -> edges.add(high));
        building.door("maglock").close();
        clock.advanceBy(50);
        assertEquals(false, edges.get(edges.size() - 1));

        LockActuator lock = actuator("maglock");
        lock.lock();
        clock.advanceBy(ACTUATION_MS);
        assertTrue(building.door("maglock").boltEngaged(), "the fresh relay port drives the lock");
    }

    @Test
    void inputs_of_other_kinds_also_go_dark_during_a_power_cut() {
        DigitalInput fire = building.fireInput("fa1");
        List<Boolean> edges = new ArrayList<>();
        fire.setListener((id, high, at) -> edges.add(high));
        building.powerCut("east");
        building.fireAlarm("fa1").activate();
        assertEquals(List.of(), edges);
        building.powerRestore("east");
        assertTrue(building.fireInput("fa1").isHigh());
    }

    @Test
    void faults_are_injected_and_repaired_as_values() {
        SimDoor door = building.door("west-door");
        building.inject(new SimFault.ContactWireCut("west-door"));
        assertTrue(building.contact("west-door").isHigh());
        building.repair(new SimFault.ContactWireCut("west-door"));
        assertFalse(building.contact("west-door").isHigh());

        building.inject(new SimFault.BoltJammed("west-door"));
        actuator("west-door").lock();
        clock.advanceBy(ACTUATION_MS);
        assertFalse(door.boltExtended());
        building.repair(new SimFault.BoltJammed("west-door"));
        clock.advanceBy(ACTUATION_MS);
        assertTrue(door.boltExtended());

        building.inject(new SimFault.PowerCut("west"));
        assertFalse(building.powered("west"));
        building.repair(new SimFault.PowerCut("west"));
        assertTrue(building.powered("west"));
    }

    @Test
    void every_possible_fault_can_be_injected_and_repaired() {
        List<SimFault> faults = building.possibleFaults();
        assertEquals(3 * 5 + 2, faults.size());
        for (SimFault fault : faults) {
            building.inject(fault);
            clock.advanceBy(10);
            building.repair(fault);
        }
    }

    @Test
    void unknown_ids_are_refused_by_name() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> building.door("nope"));
        assertTrue(e.getMessage().contains("nope"));
        assertThrows(NoSuchElementException.class, () -> building.powerCut("north"));
    }

    @Test
    void a_plan_with_a_duplicate_device_id_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildingPlan.builder()
                .door(Wiring.door("x", "east", FailMode.FAIL_SAFE, true))
                .panicButton("x", "east", Wiring.BUTTON_PRESSED_LOW)
                .build());
        assertTrue(e.getMessage().contains("x"));
    }

    @Test
    void controllers_are_those_that_have_devices() {
        assertEquals(Set.of("east", "west"), building.controllerIds());
    }

    /** The same seed replays the same edges, to the millisecond; the seed is in the message if it does not. */
    @Test
    void the_same_seed_gives_the_same_edge_sequence() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            List<String> first = edgesOfAScript(seed);
            List<String> second = edgesOfAScript(seed);
            assertEquals(first, second, "seed " + seed);
            assertTrue(first.size() > 20, "the script makes edges");
        }
    }

    @Test
    void different_seeds_bounce_differently() {
        assertNotEquals(edgesOfAScript(1), edgesOfAScript(2));
    }

    private static List<String> edgesOfAScript(long seed) {
        SimBuilding b = SimBuilding.seeded(PLAN, seed);
        List<String> edges = new ArrayList<>();
        for (SimDoor door : b.doors()) {
            door.contact().setListener((id, high, at) -> edges.add(id + " " + high + " @" + at));
        }
        b.panicInput("pb1").setListener((id, high, at) -> edges.add(id + " " + high + " @" + at));
        for (int i = 0; i < 10; i++) {
            for (SimDoor door : b.doors()) {
                door.open();
                b.clock().advanceBy(20);
            }
            b.panicButton("pb1").press(100);
            b.clock().advanceBy(SimDoor.DOOR_CLOSER_MS + 200);
        }
        return edges;
    }
}
