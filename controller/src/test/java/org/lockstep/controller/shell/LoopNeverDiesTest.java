package org.lockstep.controller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BooleanSupplier;

import com.pi4j.io.gpio.digital.DigitalState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.journal.EventJournal;

/**
 * A failure while handling one input is a fault, never the end of the loop: the real loop on its real thread, real
 * drivers on Pi4J mock pins, and a door-contact driver that throws (a driver bug).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LoopNeverDiesTest {
    private LaneRig rig;
    private LoopThread thread;

    @AfterEach
    void stop() {
        if (thread != null) {
            thread.close();
        }
        rig.close();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(1);
        }
    }

    @Test
    void a_driver_that_throws_on_one_edge_costs_that_edge_only_and_the_next_panic_press_locks_every_door()
            throws Exception {
        rig = new LaneRig(real -> new LaneRig.Delegating(real) {
            @Override
            public void onEdge(String inputId, boolean high, long atMs) {
                if (inputId.equals("d1.contact")) {
                    throw new IllegalStateException("contact driver bug");
                }
                super.onEdge(inputId, high, atMs);
            }
        });
        thread = new LoopThread(rig.loop, rig.nowMs::get);
        thread.start();
        assertTrue(rig.noneLocked());

        rig.input("d1.contact").mockState(DigitalState.HIGH); // the door opens: its driver throws
        rig.press();
        await(rig::allLocked, "every relay locked after the press");
        thread.close();

        assertEquals(1, rig.loop.droppedInputs());
        assertFalse(rig.loop.state().doors().get(0).open(), "the dropped edge changed nothing");
        assertTrue(rig.loop.state().faultedDevices().containsKey(LoopFaults.DEVICE), "raised as a fault");
        List<Event> events = rig.journal.readAll().stream().map(EventJournal.Entry::event).toList();
        assertTrue(events.stream().anyMatch(e -> e instanceof Event.DeviceFaulted f
                && f.deviceId().equals(LoopFaults.DEVICE) && f.detail().contains("contact driver bug")),
                "journaled, with what was dropped and why");
        assertTrue(events.contains(new Event.PanicPressed("panic-office")));
    }

    @Test
    void the_same_failure_five_thousand_times_is_one_fault_and_the_loop_still_serves_the_panic_button()
            throws Exception {
        rig = new LaneRig(real -> new LaneRig.Delegating(real) {
            @Override
            public void onSerialBytes(String linkId, byte[] bytes, long atMs) {
                throw new IllegalArgumentException("decoder bug");
            }
        });
        thread = new LoopThread(rig.loop, rig.nowMs::get);
        thread.start();
        for (int i = 0; i < 5_000; i++) {
            rig.loop.offer(new LoopInput.SerialBytes("nowhere", new byte[] {1}, 0));
        }
        rig.press();
        await(rig::allLocked, "every relay locked after the press");
        await(() -> rig.loop.droppedInputs() == 5_000, "every bad input handled (dropped)");
        thread.close();
        long faults = rig.journal.readAll().stream().filter(e -> e.event() instanceof Event.DeviceFaulted f
                && f.deviceId().equals(LoopFaults.DEVICE)).count();
        assertEquals(1, faults, "one fault within the summary interval, not one per input");
    }

    @Test
    void a_publish_that_throws_costs_neither_the_journal_nor_the_other_commands() throws Exception {
        rig = new LaneRig();
        // Drive the loop by hand here: the outbound is the loop's, so swap in a loop with a failing one.
        rig.close();
        rig = new LaneRig(d -> d, new Outbound() {
            int doors;

            @Override
            public void door(String c, org.lockstep.controller.core.DoorView d) {
                if (doors++ == 0) {
                    throw new IllegalStateException("encoder bug");
                }
            }

            @Override
            public void zone(String c, String z, org.lockstep.controller.core.ZoneMode m) {}

            @Override
            public void alert(String c, org.lockstep.controller.core.Alert a, long atMs) {}

            @Override
            public void reply(String c, org.lockstep.controller.core.Command.Reply r) {}
        });
        rig.press();
        rig.loop.processPending();
        assertTrue(rig.allLocked());
        assertTrue(rig.journal.readAll().stream().anyMatch(e -> e.event().equals(
                new Event.PanicPressed("panic-office"))), "journaled though a publish after the drives threw");
        assertEquals(1, rig.loop.droppedInputs());
        assertFalse(rig.loop.state().zones().values().stream().anyMatch(z -> z.mode()
                == org.lockstep.controller.core.Mode.NORMAL), "the lockdown stands");
    }
}
