package org.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.DigitalInput;
import org.lockstep.hal.device.BoltMonitor;
import org.lockstep.hal.device.DeviceSignal;
import org.lockstep.hal.device.DoorContact;
import org.lockstep.hal.device.DryContactDetector;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.FireAlarmInput;
import org.lockstep.hal.device.InputDevice;
import org.lockstep.hal.device.LockActuator;
import org.lockstep.hal.device.PanicButton;
import org.lockstep.hal.device.PanicGuard;

/** The hal drivers over simulated inputs, the way the controller's loop will run them (without its thread). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DriversOverSimTest {
    private static final int SEEDS = 100;

    private static final BuildingPlan PLAN = BuildingPlan.builder()
            .door(Wiring.door("d1", "c1", FailMode.FAIL_SECURE, true))
            .panicButton("pb1", "c1", Wiring.BUTTON_PRESSED_LOW)
            .fireAlarm("fa1", "c1", Wiring.ACTIVE_HIGH)
            .dryContactDetector("wd1", "c1", "gym lobby", Wiring.ACTIVE_HIGH)
            .build();

    /** Starts a driver on a port, forwards its edges, and polls it at every millisecond the clock passes. */
    private static final class Loop {
        final SimBuilding building;
        final List<InputDevice> devices = new ArrayList<>();
        final List<DeviceSignal> signals = new ArrayList<>();

        Loop(long seed) {
            building = SimBuilding.seeded(PLAN, seed);
        }

        void attach(InputDevice device, DigitalInput input) {
            input.setListener((id, high, atMs) -> device.onEdge(high, atMs));
            device.start(input.isHigh(), building.clock().nowMs());
            devices.add(device);
        }

        void run(long ms) {
            for (long i = 0; i < ms; i++) {
                building.clock().advanceBy(1);
                devices.forEach(d -> d.poll(building.clock().nowMs()));
            }
        }
    }

    @Test
    void a_door_contact_over_a_bouncing_reed_switch_reports_each_leaf_change_exactly_once() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Loop loop = new Loop(seed);
            SimDoor door = loop.building.door("d1");
            loop.attach(new DoorContact("d1", Wiring.CONTACT_OPEN_HIGH, loop.signals::add), door.contact());
            door.prop();
            long openedAt = loop.building.clock().nowMs();
            loop.run(100);
            door.close();
            long closedAt = loop.building.clock().nowMs();
            loop.run(100);
            assertEquals(List.of(new DeviceSignal.ContactChanged("d1", false, 0),
                    new DeviceSignal.ContactChanged("d1", true, openedAt),
                    new DeviceSignal.ContactChanged("d1", false, closedAt)), loop.signals, "seed " + seed);
        }
    }

    @Test
    void a_bolt_monitor_sees_the_bolt_drop_out_after_the_actuation_time() {
        Loop loop = new Loop(7);
        SimDoor door = loop.building.door("d1");
        loop.attach(new BoltMonitor("d1", Wiring.BOLT_ENGAGED_LOW, loop.signals::add), door.bolt().orElseThrow());
        new LockActuator("d1", door.relay(), door.spec().relay()).unlock();
        loop.run(Wiring.ACTUATION_MS + 50);
        assertEquals(List.of(new DeviceSignal.BoltChanged("d1", true, 0),
                new DeviceSignal.BoltChanged("d1", false, Wiring.ACTUATION_MS)), loop.signals);
    }

    @Test
    void a_bouncing_panic_press_held_long_enough_triggers_once_and_a_short_one_never() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Loop loop = new Loop(seed);
            SimPanicButton button = loop.building.panicButton("pb1");
            loop.attach(new PanicButton("pb1", Wiring.BUTTON_PRESSED_LOW, new PanicGuard.Hold(1000), loop.signals::add),
                    button.input());
            button.press(900);
            loop.run(2000);
            assertEquals(List.of(), loop.signals, "seed " + seed);
            button.press(1500);
            long pressedAt = loop.building.clock().nowMs();
            loop.run(3000);
            assertEquals(List.of(new DeviceSignal.PanicTriggered("pb1", pressedAt + 1000)), loop.signals, "seed " + seed);
        }
    }

    @Test
    void three_bouncing_presses_count_as_three() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Loop loop = new Loop(seed);
            SimPanicButton button = loop.building.panicButton("pb1");
            loop.attach(new PanicButton("pb1", Wiring.BUTTON_PRESSED_LOW, new PanicGuard.Presses(3, 2000),
                    loop.signals::add), button.input());
            for (int i = 0; i < 3; i++) {
                button.press(100);
                loop.run(300);
            }
            assertEquals(1, loop.signals.size(), "seed " + seed + ": " + loop.signals);
        }
    }

    @Test
    void a_fire_alarm_is_reported_after_it_settles() {
        Loop loop = new Loop(3);
        SimFireAlarm alarm = loop.building.fireAlarm("fa1");
        loop.attach(new FireAlarmInput("fa1", Wiring.ACTIVE_HIGH, loop.signals::add), alarm.input());
        alarm.activate();
        loop.run(100);
        assertEquals(List.of(new DeviceSignal.FireAlarmChanged("fa1", false, 0),
                new DeviceSignal.FireAlarmChanged("fa1", true, Wiring.DEBOUNCE_MS)), loop.signals);
    }

    @Test
    void a_dry_contact_detection_is_reported_once_with_its_location_and_rearms() {
        Loop loop = new Loop(5);
        SimDryContactDetector detector = loop.building.detector("wd1");
        loop.attach(new DryContactDetector("wd1", detector.location(), Wiring.ACTIVE_HIGH, loop.signals::add),
                detector.input());
        detector.trigger();
        loop.run(1000);
        detector.trigger();
        loop.run(1000);
        assertEquals(List.of(new DeviceSignal.WeaponDetected("wd1", "contact", 100, "gym lobby", 0),
                new DeviceSignal.WeaponDetected("wd1", "contact", 100, "gym lobby", 1000)), loop.signals);
    }

    @Test
    void doors_without_a_bolt_monitor_have_no_bolt_port() {
        BuildingPlan plan = BuildingPlan.builder()
                .door("d2", "c1", Wiring.door("x", "c1", FailMode.FAIL_SAFE, true).relay(), Wiring.CONTACT_OPEN_HIGH,
                        Optional.empty(), 100)
                .build();
        assertEquals(Optional.empty(), SimBuilding.seeded(plan, 1).bolt("d2"));
    }
}
