package org.lockstep.controller.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.sim.SimFault;
import org.lockstep.simulator.SimAuditTarget;
import org.lockstep.simulator.SimulatedSchool;

class LockAuditTest {
    SiteConfig config;

    @BeforeEach
    void load() throws Exception {
        config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
    }

    @Test
    void a_jammed_bolt_and_a_cut_contact_wire_fail_and_healthy_doors_pass() throws Exception {
        try (SimulatedSchool s = SimulatedSchool.create(config, 11, Outbound.NONE)) {
            s.advanceBy(1_000);
            s.building().inject(new SimFault.BoltJammed("c101"));
            s.building().inject(new SimFault.ContactWireCut("c205"));
            s.advanceBy(1_000);
            List<String> progress = new ArrayList<>();
            List<LockAudit.DoorResult> results = new LockAudit(new SimAuditTarget(s), "chen", "sim").run(s.site().doors(),
                    d -> d.zone().equals("east") || d.zone().equals("west"),
                    (i, n, door) -> progress.add(i + "/" + n + " " + door));
            Map<String, LockAudit.DoorResult> byDoor = results.stream()
                    .collect(Collectors.toMap(LockAudit.DoorResult::doorId, Function.identity()));
            assertFalse(byDoor.get("c101").passed());
            assertTrue(byDoor.get("c101").reason().contains("bolt did not throw"), byDoor.get("c101").reason());
            assertFalse(byDoor.get("c205").passed());
            assertTrue(byDoor.get("c205").reason().contains("door position reads open"), byDoor.get("c205").reason());
            List<String> failed = results.stream().filter(r -> !r.passed()).map(LockAudit.DoorResult::doorId).toList();
            assertEquals(List.of("c101", "c205"), failed.stream().sorted().toList(), results.toString());
            assertTrue(results.size() > 20);
            assertEquals(results.size() + 1, progress.size());

            // The findings are journaled, and every door is back to its NORMAL plan.
            EventJournal east = s.journals().get("east-lower");
            assertTrue(east.readAll().stream().anyMatch(e -> e.event() instanceof Event.LockTested t
                    && t.doorId().equals("c101") && !t.passed()));
            assertTrue(s.loop("east-lower").state().testLocks().isEmpty());
            assertEquals(Mode.NORMAL, s.loop("east-lower").state().zone("east").mode());
        }
    }

    @Test
    void an_audit_is_refused_unless_the_site_is_normal() {
        try (SimulatedSchool s = SimulatedSchool.create(config, 11, Outbound.NONE)) {
            s.request(new Event.ModeRequested("d1", Mode.LOCKDOWN, Scope.zone("gym"), true,
                    new Source.Operator("rivera"), "drill"));
            LockAudit.Refused r = assertThrows(LockAudit.Refused.class,
                    () -> new LockAudit(new SimAuditTarget(s), "chen", "sim").run(s.site().doors(), d -> true, (i, n, d) -> {}));
            assertTrue(r.getMessage().contains("zone gym is in LOCKDOWN (drill)"), r.getMessage());
        }
    }

    @Test
    void an_operator_who_may_not_run_drills_may_not_test_locks() throws Exception {
        SiteConfig noDrill = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        try (SimulatedSchool s = SimulatedSchool.create(noDrill, 11, Outbound.NONE)) {
            LockAudit.Refused r = assertThrows(LockAudit.Refused.class,
                    () -> new LockAudit(new SimAuditTarget(s), "nobody", "sim").run(s.site().doors(), d -> d.id().equals("c101"), (i, n, d) -> {}));
            assertTrue(r.getMessage().contains("may not test locks"), r.getMessage());
        }
    }
}
