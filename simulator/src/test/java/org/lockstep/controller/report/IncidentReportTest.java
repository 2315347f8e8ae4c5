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
import org.lockstep.simulator.SimulatedSchool;

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

    @Test
    void a_controllers_start_is_no_all_clear_and_one_drill_and_one_lockdown_are_two_incidents() {
        try (SimulatedSchool s = school()) {
            // At t=0, in the same millisecond as every controller's start.
            s.request(request("drill-1", Mode.LOCKDOWN, true, "rivera"));
            s.advanceBy(3_000);
            s.request(request("ac-1", Mode.NORMAL, false, "okafor"));
            s.advanceBy(3_000);
            s.request(request("ld-1", Mode.LOCKDOWN, false, "rivera"));
            s.advanceBy(3_000);
            // A controller that restarts republishes its LOCKDOWN: not a new incident, not an end.
            s.powerCut("east-lower");
            s.advanceBy(1_000);
            s.powerRestore("east-lower");
            s.advanceBy(3_000);
            s.request(request("ac-2", Mode.NORMAL, false, "okafor"));
            s.advanceBy(1_000);
        }
        IncidentReport.Result r = report();
        assertEquals(2, r.incidents().size(), r.incidents().toString());
        Incident drill = r.incidents().get(0);
        Incident real = r.incidents().get(1);
        assertTrue(drill.drill());
        assertFalse(real.drill());
        assertEquals(ORIGIN.toEpochMilli(), drill.startWallMs());
        for (Incident i : r.incidents()) {
            assertEquals("operator okafor", i.allClear().orElseThrow().source());
            assertTrue(i.doors().size() > 20, "every controller's doors: " + i.doors().size());
            assertEquals(config.site().zones().size(), i.changes().stream().filter(c -> c.mode() == Mode.LOCKDOWN)
                    .count(), "each zone's change once, not once per controller: " + i.changes());
        }
        assertEquals(3_000, drill.endWallMs().getAsLong() - drill.startWallMs());
        assertEquals(7_000, real.endWallMs().getAsLong() - real.startWallMs());
    }

    /** A hand-made journal: record n at monotonic {@code atMs[n]}, with the wall clock reading {@code wallMs[n]}. */
    static List<JournalRecord> records(long[] atMs, long[] wallMs, Event... events) {
        List<JournalRecord> list = new java.util.ArrayList<>();
        for (int n = 0; n < events.length; n++) {
            list.add(new JournalRecord(n + 1, atMs[n], wallMs[n], events[n]));
        }
        return list;
    }

    @Test
    void incidents_follow_the_monotonic_clock_across_wall_clock_steps_and_the_steps_are_listed() {
        long w = ORIGIN.toEpochMilli();
        long day = 86_400_000L;
        // One boot: a lockdown, the clock set back 2 days, its all clear, the clock set forward 500 days, another.
        long[] at = {0, 1_000, 4_000, 6_000, 9_000, 20_000};
        long[] wall = {w, w + 1_000, w + 4_000 - 2 * day, w + 6_000 - 2 * day, w + 9_000 + 498 * day,
                w + 20_000 + 498 * day};
        List<JournalRecord> east = records(at, wall, new Event.ControllerStarted(),
                request("ld-1", Mode.LOCKDOWN, false, "rivera"), new Event.TimeAdvanced(),
                request("ac-1", Mode.NORMAL, false, "okafor"), request("ld-2", Mode.LOCKDOWN, false, "rivera"),
                request("ac-2", Mode.NORMAL, false, "okafor"));
        IncidentReport.Result r = IncidentReport.build(config.site(), Map.of("east-lower", east), 0, Long.MAX_VALUE,
                List.of());
        assertEquals(2, r.incidents().size(), r.incidents().toString());
        Incident first = r.incidents().get(0);
        Incident second = r.incidents().get(1);
        assertEquals(5_000, first.endWallMs().getAsLong() - first.startWallMs(), "ld-1 to ac-1, monotonic");
        assertEquals(11_000, second.endWallMs().getAsLong() - second.startWallMs());
        assertEquals(3_000, second.startWallMs() - first.endWallMs().getAsLong(), "in journal order, 3 s apart");
        // Placed on the clock as it read at the end of the boot.
        assertEquals(w + 20_000 + 498 * day, second.endWallMs().getAsLong());
        assertEquals(List.of(3L, 5L), r.clockSteps().stream().map(Timeline.ClockStep::seq).toList());
        assertEquals(-2 * day, r.clockSteps().get(0).stepMs());
        assertEquals(500 * day, r.clockSteps().get(1).stepMs());
        String html = new ReportWriter(ZoneOffset.UTC).render(r, ReportWriter.Format.HTML);
        assertTrue(html.contains("wall clock stepped -2 d 00:00:00.000 before record 3"), html);
        assertTrue(new ReportWriter(ZoneOffset.UTC).render(r, ReportWriter.Format.JSON).contains("\"stepMs\": "
                + 500 * day));
    }
}
