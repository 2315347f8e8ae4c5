package org.lockstep.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.simulator.SimulatedSchool;

/** Safety rules 1 and 6 with a full disk: the locks do not care, and the fault is visible. */
class JournalFaultTest {
    static final String CTL = "east-lower";

    @TempDir
    Path dir;

    @Test
    void a_full_disk_is_a_visible_fault_and_the_lockdown_still_locks_every_door() throws Exception {
        SiteConfig config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        FullDisk disk = new FullDisk(1_200);
        List<Alert> alerts = new ArrayList<>();
        Outbound out = alertsTo(alerts);
        Map<String, FileJournal> journals = new HashMap<>();
        try (SimulatedSchool s = school(config, out, disk, journals)) {
            fillWithDoorTraffic(s);
            ControllerLoop loop = s.loop(CTL);
            assertTrue(loop.journalFailures() > 0, "the disk filled up");
            assertTrue(alerts.stream().anyMatch(a -> a.kind() == Alert.Kind.DEVICE_FAULT
                    && a.subjectId().equals(ControllerLoop.JOURNAL_DEVICE) && a.detail().contains("No space left")),
                    alerts.toString());
            assertTrue(loop.state().faultedDevices().containsKey(ControllerLoop.JOURNAL_DEVICE));

            s.request(new Event.ModeRequested("ld", Mode.LOCKDOWN, Scope.SITE, false, new Source.Operator("rivera"),
                    "intruder"));
            s.advanceBy(3_000);
            for (DoorSpec d : loop.machine().doors()) {
                int i = loop.machine().indexOf(d.id()).orElseThrow();
                assertEquals(DoorStatus.SECURED, loop.state().doors().get(i).status(), d.id());
            }
            assertEquals(Mode.LOCKDOWN, loop.state().zone("east").mode());

            disk.bytesLeft = 4 << 20;
            // The door record waits for the journal's background thread to hold its reserve first (never the loop).
            FileJournal journal = journals.get(CTL);
            await(journal::reserveHeld, "the reserve is taken once there is room");
            s.building().door("c102").open();
            s.advanceBy(500);
            assertFalse(loop.state().faultedDevices().containsKey(ControllerLoop.JOURNAL_DEVICE),
                    "the first good write clears the fault");
        }
    }

    /**
     * Issue 9 #3: the disk fills with door traffic, then a LOCKDOWN: the mode change goes into the reserve, the fault is
     * raised, and a controller restarted from that journal comes back in LOCKDOWN. Without the reserve it comes back
     * NORMAL (the record would not fit).
     */
    @Test
    void a_lockdown_on_a_full_disk_goes_into_the_reserve_and_survives_a_restart() throws Exception {
        SiteConfig config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        FullDisk disk = new FullDisk(JournalReserve.BYTES + 1_200);
        List<Alert> alerts = new ArrayList<>();
        Map<String, FileJournal> journals = new HashMap<>();
        try (SimulatedSchool s = school(config, alertsTo(alerts), disk, journals)) {
            assertTrue(journals.get(CTL).reserveHeld(), "the journal holds its reserve from the start");
            fillWithDoorTraffic(s);
            ControllerLoop loop = s.loop(CTL);
            assertTrue(loop.journalFailures() > 0, "the disk filled up");
            assertEquals(0, disk.bytesLeft, "door records filled the disk, not the reserve");

            s.request(new Event.ModeRequested("ld", Mode.LOCKDOWN, Scope.SITE, false, new Source.Operator("rivera"),
                    "intruder"));
            s.advanceBy(3_000);
            assertEquals(Mode.LOCKDOWN, loop.state().zone("east").mode());
            assertFalse(journals.get(CTL).reserveHeld(), "the reserve was given to the mode change");
            assertTrue(loop.state().faultedDevices().containsKey(ControllerLoop.JOURNAL_DEVICE),
                    "a full disk stays a visible fault");
            assertTrue(alerts.stream().anyMatch(a -> a.subjectId().equals(ControllerLoop.JOURNAL_DEVICE)),
                    alerts.toString());
            // More door traffic must not eat the space the reserve gave back.
            long left = disk.bytesLeft;
            for (int i = 0; i < 5; i++) {
                s.building().door("c102").open();
                s.advanceBy(500);
            }
            assertEquals(left, disk.bytesLeft, "door records stay out of the reserve's space");
        }
        // Power cut and back, with the disk still full: the controller comes back locked.
        Map<String, FileJournal> again = new HashMap<>();
        try (SimulatedSchool s = school(config, alertsTo(new ArrayList<>()), new FullDisk(0), again)) {
            s.advanceBy(1_000);
            assertEquals(Mode.LOCKDOWN, s.loop(CTL).state().zone("east").mode(),
                    "the lockdown written into the reserve survives the restart");
        }
    }

    private SimulatedSchool school(SiteConfig config, Outbound out, FullDisk disk, Map<String, FileJournal> journals) {
        return SimulatedSchool.create(config, 3, out, Instant.EPOCH, (id, wall) -> {
            if (!id.equals(CTL)) {
                return new MemoryJournal();
            }
            FileJournal j = FileJournal.open(dir, id, JournalSettings.DEFAULTS, wall, disk);
            journals.put(id, j);
            return j;
        });
    }

    /** Door traffic until the disk is full. */
    private static void fillWithDoorTraffic(SimulatedSchool s) {
        s.advanceBy(1_000);
        for (int i = 0; i < 40; i++) {
            s.building().door("c101").open();
            s.advanceBy(500);
            s.building().door("c101").close();
            s.advanceBy(500);
        }
    }

    private static Outbound alertsTo(List<Alert> alerts) {
        return new Outbound() {
            @Override
            public void door(String c, DoorView d) {}

            @Override
            public void zone(String c, String z, ZoneMode m) {}

            @Override
            public void alert(String c, Alert a, long atMs) {
                alerts.add(a);
            }

            @Override
            public void reply(String c, Command.Reply r) {}
        };
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
