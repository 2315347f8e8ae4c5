package org.lockstep.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.JournalReader;
import org.lockstep.controller.journal.JournalRecord;
import org.lockstep.controller.journal.JournalSettings;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.simulation.SimulatedSchool;

/** A lockdown recorded by the simulated school in file journals, reported, and checked against what the school saw. */
class IncidentReportTest {
    static final Instant ORIGIN = Instant.parse("2026-03-04T09:00:00Z");

    @TempDir
    Path dir;
    SiteConfig config;
    /** Door → virtual time it was first published SECURED after {@link #lockdownAtMs}: the simulation's timeline. */
    final Map<String, Long> securedAtMs = new LinkedHashMap<>();
    long lockdownAtMs = Long.MAX_VALUE;

    @BeforeEach
    void load() throws Exception {
        config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
    }

    SimulatedSchool school() {
        AtomicReference<SimulatedSchool> ref = new AtomicReference<>();
        Outbound timeline = new Outbound() {
            @Override
            public void door(String c, DoorView d) {
                long now = ref.get() == null ? 0 : ref.get().nowMs();
                if (now >= lockdownAtMs && d.status() == DoorStatus.SECURED) {
                    securedAtMs.putIfAbsent(d.doorId(), now);
                }
            }

            @Override
            public void zone(String c, String z, ZoneMode m) {}

            @Override
            public void alert(String c, Alert a, long atMs) {}

            @Override
            public void reply(String c, Command.Reply r) {}
        };
        SimulatedSchool s = SimulatedSchool.create(config, 7, timeline, ORIGIN,
                (id, wall) -> FileJournal.open(dir.resolve(id), id, JournalSettings.DEFAULTS, wall));
        ref.set(s);
        return s;
    }

    IncidentReport.Result report() {
        Map<String, List<JournalRecord>> journals = new LinkedHashMap<>();
        for (var c : config.site().controllers()) {
            journals.put(c.id(), JournalReader.read(dir.resolve(c.id())).records());
        }
        return IncidentReport.build(config.site(), journals, 0, Long.MAX_VALUE, List.of());
    }

    static Event.ModeRequested request(String id, Mode mode, boolean drill, String operator) {
        return new Event.ModeRequested(id, mode, Scope.SITE, drill, new Source.Operator(operator), "report test");
    }

    @Test
    void per_door_times_to_secured_match_the_simulations_own_timeline() {
        try (SimulatedSchool s = school()) {
            s.advanceBy(2_000);
            s.building().door("c103").prop();
            s.advanceBy(1_000);
            lockdownAtMs = s.nowMs();
            s.request(request("ld-1", Mode.LOCKDOWN, false, "rivera"));
            s.advanceBy(8_000);
            s.building().door("c104").open();
            s.advanceBy(2_000);
            s.building().door("c104").close();
            s.advanceBy(10_000);
            s.request(request("ac-1", Mode.NORMAL, false, "okafor"));
            s.advanceBy(1_000);
        }
        IncidentReport.Result r = report();
        assertEquals(1, r.incidents().size());
        Incident i = r.incidents().getFirst();
        assertEquals(Mode.LOCKDOWN, i.mode());
        assertFalse(i.drill());
        assertEquals(ORIGIN.toEpochMilli() + lockdownAtMs, i.startWallMs());
        assertEquals("operator rivera", i.trigger().source());
        assertEquals("operator okafor", i.allClear().orElseThrow().source());
        assertTrue(securedAtMs.size() > 20, "the simulation secured doors: " + securedAtMs.keySet());
        for (Incident.DoorOutcome d : i.doors()) {
            Long sim = securedAtMs.get(d.doorId());
            if (sim == null) {
                assertTrue(d.securedWallMs().isEmpty(), d.doorId() + " was never secured in the simulation");
            } else {
                assertEquals(sim - lockdownAtMs, d.timeToSecuredMs(i.startWallMs()).orElseThrow(), d.doorId());
            }
        }
        Incident.DoorOutcome propped = i.doors().stream().filter(d -> d.doorId().equals("c103")).findFirst()
                .orElseThrow();
        assertTrue(propped.securedWallMs().isEmpty());
        assertTrue(propped.lastStatus() == DoorStatus.OPEN || propped.lastStatus() == DoorStatus.PROPPED,
                propped.lastStatus().toString());
        assertTrue(i.openings().stream().anyMatch(o -> o.doorId().equals("c104")), i.openings().toString());
        assertTrue(i.alerts().stream().anyMatch(a -> a.alert().subjectId().equals("c103")));

        ReportWriter w = new ReportWriter(ZoneOffset.UTC);
        String html = w.render(r, ReportWriter.Format.HTML);
        assertTrue(html.contains("<svg") && html.contains("@media print") && html.contains("never secured"));
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("<script"),
                "self-contained: nothing fetched, nothing run");
        String csv = w.render(r, ReportWriter.Format.CSV);
        assertEquals(i.doors().size() + 1, csv.split("\r\n").length);
        String json = w.render(r, ReportWriter.Format.JSON);
        assertTrue(json.contains("\"by\": \"operator okafor\""), json);
    }

    @Test
    void a_drill_is_reported_as_a_drill_and_a_real_event_during_it_makes_it_real() {
        try (SimulatedSchool s = school()) {
            s.advanceBy(1_000);
            lockdownAtMs = s.nowMs();
            s.request(request("drill-1", Mode.LOCKDOWN, true, "rivera"));
            s.advanceBy(5_000);
            s.request(request("ac-1", Mode.NORMAL, false, "okafor"));
            s.advanceBy(5_000);
            s.request(request("drill-2", Mode.LOCKDOWN, true, "rivera"));
            s.advanceBy(2_000);
            s.request(request("real-1", Mode.LOCKDOWN, false, "rivera"));
            s.advanceBy(2_000);
        }
        IncidentReport.Result r = report();
        assertEquals(2, r.incidents().size());
        assertTrue(r.incidents().get(0).drill());
        assertTrue(new ReportWriter(ZoneOffset.UTC).render(r, ReportWriter.Format.HTML).contains("This was a DRILL"));
        assertFalse(r.incidents().get(1).drill(), "a real LOCKDOWN during the drill made it real");
        assertTrue(r.incidents().get(1).endWallMs().isEmpty(), "no all clear yet");
    }
}
