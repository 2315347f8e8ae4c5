package org.lockstep.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
import org.lockstep.controller.simulation.SimulatedSchool;

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
        Outbound out = new Outbound() {
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
        try (SimulatedSchool s = SimulatedSchool.create(config, 3, out, Instant.EPOCH, (id, wall) -> id.equals(CTL)
                ? FileJournal.open(dir, id, JournalSettings.DEFAULTS, wall, disk) : new MemoryJournal())) {
            s.advanceBy(1_000);
            for (int i = 0; i < 40; i++) { // door traffic until the disk is full
                s.building().door("c101").open();
                s.advanceBy(500);
                s.building().door("c101").close();
                s.advanceBy(500);
            }
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

            disk.bytesLeft = 1 << 20;
            s.building().door("c102").open();
            s.advanceBy(500);
            assertFalse(loop.state().faultedDevices().containsKey(ControllerLoop.JOURNAL_DEVICE),
                    "the first good write clears the fault");
        }
    }
}
