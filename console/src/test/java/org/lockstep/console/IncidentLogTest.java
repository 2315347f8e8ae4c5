package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.mqtt.Topics;

/** The drill log as the console observes it, fed the controllers' messages through the real decoder. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IncidentLogTest {
    private static final Site SITE = ConsoleDecoderTest.SITE.site();
    private static final String P = ConsoleDecoderTest.P;
    private final ConsoleDecoder decoder = new ConsoleDecoder(SITE, new Topics(P));
    private final ConsoleState state = new ConsoleState(SITE, SITE.name());

    static String zone(String zone, String mode, boolean drill, String triggerJson) {
        return "{\"zone\":\"" + zone + "\",\"mode\":\"" + mode + "\",\"drill\":" + drill + ",\"since\":\"t\","
                + "\"sinceMs\":1,\"trigger\":" + triggerJson + ",\"reason\":\"\",\"version\":4,\"controller\":\"commons\"}";
    }

    private void hear(String topic, String body, long now) {
        ConsoleDecoder.Update u = decoder.decode(P + topic, body.getBytes(StandardCharsets.UTF_8));
        assertFalse(u instanceof ConsoleDecoder.Update.Rejected, u.toString());
        state.apply(u, now);
    }

    private void door(String id, String status, long now) {
        DoorSpec d = SITE.doors().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        hear("/door/" + id + "/status", ConsoleDecoderTest.door(null, null).replace("c104", id)
                .replace("\"east\"", "\"" + d.zone() + "\"").replace("east-lower", d.controller())
                .replace("SECURED", status), now);
    }

    /** A site drill from a panic button: every zone, every door secured but c104 until 4.5 s, ALL CLEAR by okafor. */
    void drill() {
        for (DoorSpec d : SITE.doors()) {
            door(d.id(), "UNLOCKED", 0);
        }
        String pb = "{\"kind\":\"panic_button\",\"id\":\"pb-office\"}";
        SITE.zones().forEach(z -> hear("/zone/" + z.id() + "/mode", zone(z.id(), "NORMAL", false, "null"), 0));
        SITE.zones().forEach(z -> hear("/zone/" + z.id() + "/mode", zone(z.id(), "LOCKDOWN", true, pb), 1_000));
        SITE.zones().forEach(z -> hear("/zone/" + z.id() + "/mode", zone(z.id(), "LOCKDOWN", true, pb), 1_100));
        for (DoorSpec d : SITE.doors()) {
            if (!d.id().equals("c104")) {
                door(d.id(), "SECURED", 2_000);
            }
        }
        door("c104", "SECURED", 5_500);
    }

    /** East locked down at 1 s by front-desk, every door of it secured at 2 s but c104 (PROPPED), ended at 9 s. */
    void lockdownOfEastEndedWithRoom104StillPropped() {
        for (DoorSpec d : SITE.doors()) {
            door(d.id(), "UNLOCKED", 0);
        }
        hear("/zone/east/mode", zone("east", "NORMAL", false, "null"), 0);
        hear("/zone/east/mode", zone("east", "LOCKDOWN", false, "{\"kind\":\"operator\",\"id\":\"front-desk\"}"), 1_000);
        SITE.doors().stream().filter(d -> d.zone().equals("east") && !d.id().equals("c104"))
                .forEach(d -> door(d.id(), "SECURED", 2_000));
        door("c104", "PROPPED", 2_000);
        hear("/zone/east/mode", zone("east", "NORMAL", false, "null"), 9_000);
    }

    @Test
    void a_drill_is_one_incident_with_its_trigger_time_to_secure_and_the_all_clear_by_whom() {
        drill();
        JsonNode open = state.snapshot(6_000).get("incidents");
        assertEquals(1, open.size(), "one incident however many zones and controllers published");
        assertTrue(open.at("/0/open").asBoolean());
        String op = "{\"kind\":\"operator\",\"id\":\"okafor\"}";
        SITE.zones().forEach(z -> hear("/zone/" + z.id() + "/mode", zone(z.id(), "NORMAL", true, op), 61_000));
        JsonNode i = state.snapshot(70_000).at("/incidents/0");
        assertEquals("LOCKDOWN", i.get("mode").asText());
        assertTrue(i.get("drill").asBoolean());
        assertEquals(SITE.zones().size(), i.get("zones").size());
        assertEquals("panic_button pb-office", i.get("trigger").asText());
        assertTrue(i.get("startSeen").asBoolean());
        assertEquals(4_500, i.get("securedAfterMs").asLong(), "the last door (c104) secured 4.5 s after the start");
        assertEquals(0, i.get("neverSecured").size());
        assertFalse(i.get("open").asBoolean());
        assertEquals("operator okafor", i.get("endedBy").asText());
        assertEquals(60_000, i.get("durationMs").asLong());
    }

    @Test
    void an_ALL_CLEAR_for_one_zone_leaves_the_incident_open_until_the_last_zone_is_NORMAL() {
        drill();
        String op = "{\"kind\":\"operator\",\"id\":\"okafor\"}";
        hear("/zone/east/mode", zone("east", "NORMAL", true, op), 30_000);
        assertTrue(state.snapshot(31_000).at("/incidents/0/open").asBoolean(), "the other zones are still locked");
        SITE.zones().forEach(z -> hear("/zone/" + z.id() + "/mode", zone(z.id(), "NORMAL", true, op), 40_000));
        JsonNode i = state.snapshot(41_000).at("/incidents/0");
        assertFalse(i.get("open").asBoolean());
        assertEquals(39_000, i.get("durationMs").asLong());
        assertEquals(1, state.snapshot(41_000).get("incidents").size());
    }

    @Test
    void the_live_picture_leaves_a_settled_incident_to_the_log_and_keeps_its_place_in_the_order() {
        drill();
        JsonNode open = state.livePicture(6_000);
        assertEquals(1, open.get("incidents").size(), "an open incident is in every live picture");
        String id = open.at("/incidents/0/id").asText();
        long before = state.settledVersion();
        String op = "{\"kind\":\"operator\",\"id\":\"okafor\"}";
        SITE.zones().forEach(z -> hear("/zone/" + z.id() + "/mode", zone(z.id(), "NORMAL", true, op), 61_000));

        JsonNode ended = state.livePicture(62_000);
        assertEquals(0, ended.get("incidents").size(), "ended with every door secured: settled, not in the picture");
        assertEquals("[\"" + id + "\"]", ended.get("incidentOrder").toString());
        assertTrue(state.settledVersion() > before, "the log moved, so the pages get it again");
        assertEquals(ended.get("settledVersion").asLong(), state.settledVersion());
        JsonNode log = state.settledLog();
        assertEquals(id, log.at("/settled/0/id").asText());
        assertEquals("operator okafor", log.at("/settled/0/endedBy").asText());
        assertEquals(state.snapshot(62_000).at("/incidents/0"), log.at("/settled/0"),
                "the log has what GET /api/state has");

        hear("/zone/east/mode", zone("east", "SECURE", false, "null"), 70_000);
        JsonNode next = state.livePicture(71_000);
        assertEquals(1, next.get("incidents").size(), "only the new, open one");
        assertEquals(2, next.get("incidentOrder").size());
        assertEquals(id, next.at("/incidentOrder/1").asText(), "newest first");
    }

    @Test
    void the_log_version_stays_put_while_nothing_settles_and_moves_when_one_leaves_the_log() {
        drill();
        String op = "{\"kind\":\"operator\",\"id\":\"okafor\"}";
        SITE.zones().forEach(z -> hear("/zone/" + z.id() + "/mode", zone(z.id(), "NORMAL", true, op), 61_000));
        state.livePicture(62_000);
        long v = state.settledVersion();
        for (int k = 0; k < 5; k++) {
            state.livePicture(63_000 + k);
            state.snapshot(63_000 + k);
        }
        assertEquals(v, state.settledVersion(), "no push resends a log that did not change");

        for (int k = 0; k < IncidentLog.MAX; k++) { // 100 newer settled ones push the drill out
            hear("/zone/east/mode", zone("east", "SECURE", false, "null"), 100_000L + 1_000L * k);
            hear("/zone/east/mode", zone("east", "NORMAL", false, "null"), 100_000L + 1_000L * k + 500);
            state.livePicture(100_000L + 1_000L * k + 600);
        }
        long full = state.settledVersion();
        assertEquals(IncidentLog.MAX, state.settledLog().get("settled").size());
        hear("/zone/east/mode", zone("east", "SECURE", false, "null"), 300_000);
        state.livePicture(300_100);
        assertTrue(state.settledVersion() > full, "the oldest settled one left the log");
        assertEquals(IncidentLog.MAX - 1, state.settledLog().get("settled").size());
    }

    @Test
    void a_door_never_secured_is_named_and_the_time_to_secure_stays_empty() {
        lockdownOfEastEndedWithRoom104StillPropped();
        JsonNode i = state.snapshot(9_000).at("/incidents/0");
        assertTrue(i.get("securedAfterMs").isNull());
        assertEquals(1, i.get("neverSecured").size());
        assertEquals("Room 104", i.at("/neverSecured/0/room").asText());
        assertEquals("PROPPED", i.at("/neverSecured/0/status").asText());
        assertFalse(i.get("drill").asBoolean());
    }

    @Test
    void an_incident_described_while_open_shows_its_end_in_the_next_push_and_is_then_reused() {
        drill(); // every door secured by 5.5 s: only the ALL CLEAR is missing
        assertTrue(state.snapshot(6_000).at("/incidents/0/open").asBoolean());
        assertEquals(5_000, state.snapshot(6_000).at("/incidents/0/durationMs").asLong());
        String op = "{\"kind\":\"operator\",\"id\":\"okafor\"}";
        SITE.zones().forEach(z -> hear("/zone/" + z.id() + "/mode", zone(z.id(), "NORMAL", true, op), 61_000));
        JsonNode ended = state.snapshot(62_000).at("/incidents/0");
        assertFalse(ended.get("open").asBoolean(), "the push after the ALL CLEAR shows it ended");
        assertEquals("operator okafor", ended.get("endedBy").asText());
        assertEquals(60_000, ended.get("durationMs").asLong());
        // a new incident goes on top; the ended one is the same description, not rebuilt
        hear("/zone/east/mode", zone("east", "SECURE", false, "null"), 70_000);
        JsonNode later = state.snapshot(71_000).get("incidents");
        assertEquals(2, later.size());
        assertTrue(later.at("/0/open").asBoolean());
        assertTrue(ended == later.get(1), "a settled incident is described once");
    }

    @Test
    void an_ended_incident_with_a_door_never_secured_shows_that_door_as_it_is_now() {
        lockdownOfEastEndedWithRoom104StillPropped();
        assertEquals("PROPPED", state.snapshot(9_000).at("/incidents/0/neverSecured/0/status").asText());
        door("c104", "UNLOCKED", 10_000);
        assertEquals("UNLOCKED", state.snapshot(10_000).at("/incidents/0/neverSecured/0/status").asText(),
                "the door's status now, not as it was at the first push");
    }

    @Test
    void the_log_keeps_the_last_100_newest_first() {
        for (int k = 0; k < IncidentLog.MAX + 5; k++) {
            hear("/zone/east/mode", zone("east", "SECURE", false, "null"), 1_000L * k);
            hear("/zone/east/mode", zone("east", "NORMAL", false, "null"), 1_000L * k + 500);
        }
        JsonNode list = state.snapshot(1_000_000).get("incidents");
        assertEquals(IncidentLog.MAX, list.size());
        assertTrue(list.at("/0/start").asText().compareTo(list.at("/1/start").asText()) > 0, "newest first");
    }

    @Test
    void a_zone_already_locked_when_the_console_starts_is_an_incident_that_began_earlier() {
        hear("/zone/west/mode", zone("west", "LOCKDOWN", false, "null"), 5_000);
        assertFalse(state.snapshot(5_000).at("/incidents/0/startSeen").asBoolean());
    }

    @Test
    void a_trigger_that_is_not_kind_and_id_is_refused() {
        for (String t : new String[] {"\"okafor\"", "{\"kind\":\"Operator<\",\"id\":\"x\"}", "{\"kind\":\"operator\"}",
            "{\"kind\":\"operator\",\"id\":7}"}) {
            ConsoleDecoder.Update u = decoder.decode(P + "/zone/east/mode", zone("east", "LOCKDOWN", false, t)
                    .getBytes(StandardCharsets.UTF_8));
            assertTrue(u instanceof ConsoleDecoder.Update.ZoneRefused r && r.detail().contains("trigger"), t + ": " + u);
        }
    }
}
