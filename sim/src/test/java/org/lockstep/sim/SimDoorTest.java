package org.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockstep.sim.Wiring.ACTUATION_MS;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.LockActuator;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SimDoorTest {
    private final VirtualClock clock = new VirtualClock();

    private SimDoor door(FailMode mode, boolean relayActiveHigh, long seed) {
        return new SimDoor(Wiring.door("d1", "c1", mode, relayActiveHigh), clock, new Random(seed));
    }

    private SimDoor door(FailMode mode) {
        return door(mode, true, 1);
    }

    private static LockActuator actuator(SimDoor door) {
        return new LockActuator(door.id(), door.relay(), door.spec().relay());
    }

    @ParameterizedTest(name = "{0} with an active-high relay: {1}")
    @CsvSource({"FAIL_SAFE, true", "FAIL_SAFE, false", "FAIL_SECURE, true", "FAIL_SECURE, false"})
    void the_bolt_follows_the_relay_after_the_actuation_time(FailMode mode, boolean relayActiveHigh) {
        SimDoor door = door(mode, relayActiveHigh, 1);
        LockActuator lock = actuator(door);
        lock.unlock();
        clock.advanceBy(ACTUATION_MS);
        assertFalse(door.boltExtended(), "unlocked");
        assertEquals(mode == FailMode.FAIL_SECURE, door.relayEnergised(), "energised to unlock only if fail-secure");

        lock.lock();
        clock.advanceBy(ACTUATION_MS - 1);
        assertFalse(door.boltExtended(), "not yet");
        clock.advanceBy(1);
        assertTrue(door.boltExtended());
        assertTrue(door.boltEngaged());
        assertEquals(mode == FailMode.FAIL_SAFE, door.relayEnergised(), "energised to lock only if fail-safe");
    }

    @Test
    void a_later_relay_change_supersedes_a_move_under_way() {
        SimDoor door = door(FailMode.FAIL_SAFE);
        LockActuator lock = actuator(door);
        lock.lock();
        clock.advanceBy(ACTUATION_MS / 2);
        lock.unlock();
        clock.advanceBy(ACTUATION_MS * 3);
        assertFalse(door.boltExtended());
    }

    @Test
    void a_stuck_relay_keeps_the_bolt_although_writes_succeed() {
        SimDoor door = door(FailMode.FAIL_SAFE);
        LockActuator lock = actuator(door);
        lock.unlock();
        door.relayStuck(true);
        lock.lock();
        clock.advanceBy(ACTUATION_MS * 3);
        assertTrue(lock.lockCommanded());
        assertFalse(door.boltExtended());

        door.relayStuck(false);
        clock.advanceBy(ACTUATION_MS);
        assertTrue(door.boltExtended(), "repaired, it follows the pin again");
    }

    @Test
    void a_jammed_bolt_stays_put_and_moves_once_freed() {
        SimDoor door = door(FailMode.FAIL_SECURE);
        LockActuator lock = actuator(door);
        lock.lock();
        clock.advanceBy(ACTUATION_MS);
        assertTrue(door.boltExtended());
        door.boltJammed(true);
        lock.unlock();
        clock.advanceBy(ACTUATION_MS * 3);
        assertTrue(door.boltExtended());
        assertTrue(door.boltMoving());
        door.boltJammed(false);
        clock.advanceBy(ACTUATION_MS);
        assertFalse(door.boltExtended());
    }

    @Test
    void a_refused_relay_write_reaches_the_driver_as_a_hardware_exception() {
        SimDoor door = door(FailMode.FAIL_SAFE);
        LockActuator lock = actuator(door);
        door.relayWriteFails(true);
        HardwareException e = assertThrows(HardwareException.class, lock::lock);
        assertEquals("d1", e.deviceId());
        clock.advanceBy(ACTUATION_MS * 2);
        assertFalse(door.boltExtended());
        door.relayWriteFails(false);
        lock.lock();
        clock.advanceBy(ACTUATION_MS);
        assertTrue(door.boltExtended());
    }

    @Test
    void a_bolt_thrown_while_the_door_is_open_engages_when_it_closes() {
        SimDoor door = door(FailMode.FAIL_SAFE);
        List<Boolean> boltLevels = new ArrayList<>();
        door.bolt().orElseThrow().setListener((id, high, at) -> boltLevels.add(high));
        door.prop();
        actuator(door).lock();
        clock.advanceBy(ACTUATION_MS);
        assertTrue(door.boltExtended());
        assertFalse(door.boltEngaged());
        assertEquals(List.of(), boltLevels);
        door.close();
        assertTrue(door.boltEngaged());
        assertEquals(List.of(Wiring.BOLT_ENGAGED_LOW.levelFor(true)), boltLevels);
    }

    @Test
    void an_opened_door_is_shut_by_its_closer_and_a_propped_one_stays_open() {
        SimDoor door = door(FailMode.FAIL_SAFE);
        door.open();
        clock.advanceBy(SimDoor.DOOR_CLOSER_MS - 1);
        assertTrue(door.isOpen());
        clock.advanceBy(1);
        assertFalse(door.isOpen());

        door.open();
        door.prop();
        clock.advanceBy(SimDoor.DOOR_CLOSER_MS * 10);
        assertTrue(door.isOpen());
    }

    @Test
    void a_cut_contact_reads_open_and_the_leaf_no_longer_reaches_it() {
        SimDoor door = door(FailMode.FAIL_SAFE);
        List<Boolean> levels = new ArrayList<>();
        door.contact().setListener((id, high, at) -> levels.add(high));
        door.contactWireCut(true);
        assertTrue(door.contact().isHigh(), "open-high wiring: a cut loop reads open");
        door.open();
        clock.advanceBy(SimDoor.DOOR_CLOSER_MS + 100);
        assertEquals(List.of(true), levels);
        door.contactWireCut(false);
        assertFalse(door.contact().isHigh(), "repaired, it reads the closed leaf again");
    }

    @Test
    void a_cut_bolt_wire_reads_not_engaged() {
        SimDoor door = door(FailMode.FAIL_SECURE);
        assertTrue(door.boltEngaged());
        assertEquals(Wiring.BOLT_ENGAGED_LOW.levelFor(true), door.bolt().orElseThrow().isHigh());
        door.boltWireCut(true);
        assertEquals(Wiring.BOLT_ENGAGED_LOW.levelFor(false), door.bolt().orElseThrow().isHigh());
    }

    @Test
    void bounce_always_ends_at_the_true_level() {
        for (long seed = 0; seed < 200; seed++) {
            VirtualClock c = new VirtualClock();
            SimDoor door = new SimDoor(Wiring.door("d1", "c1", FailMode.FAIL_SAFE, true), c, new Random(seed));
            List<Long> edgeTimes = new ArrayList<>();
            door.contact().setListener((id, high, at) -> edgeTimes.add(at));
            for (int i = 0; i < 10; i++) {
                boolean open = i % 2 == 0;
                if (open) {
                    door.prop();
                } else {
                    door.close();
                }
                long changedAt = c.nowMs();
                c.advanceBy(50);
                assertEquals(open, door.contact().isHigh(), "seed " + seed + " change " + i);
                assertTrue(edgeTimes.stream().allMatch(t -> t <= changedAt + SimSwitch.BOUNCE_MAX_MS),
                        "seed " + seed + ": bounce within " + SimSwitch.BOUNCE_MAX_MS + " ms");
            }
        }
    }

    @Test
    void some_changes_bounce_and_some_do_not() {
        int[] edgesPerChange = new int[6];
        for (long seed = 0; seed < 50; seed++) {
            VirtualClock c = new VirtualClock();
            SimDoor door = new SimDoor(Wiring.door("d1", "c1", FailMode.FAIL_SAFE, true), c, new Random(seed));
            int[] edges = {0};
            door.contact().setListener((id, high, at) -> edges[0]++);
            door.prop();
            c.advanceBy(50);
            edgesPerChange[edges[0]]++;
        }
        assertTrue(edgesPerChange[1] > 0, "a clean change happens");
        assertTrue(edgesPerChange[3] + edgesPerChange[5] > 0, "a bouncing change happens");
    }

    @Test
    void a_new_leaf_change_cancels_the_rest_of_an_earlier_bounce() {
        for (long seed = 0; seed < 100; seed++) {
            VirtualClock c = new VirtualClock();
            SimDoor door = new SimDoor(Wiring.door("d1", "c1", FailMode.FAIL_SAFE, true), c, new Random(seed));
            door.prop();
            door.close();
            c.advanceBy(50);
            assertFalse(door.contact().isHigh(), "seed " + seed);
        }
    }
}
