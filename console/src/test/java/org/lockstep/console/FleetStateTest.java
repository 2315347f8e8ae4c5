package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.mqtt.Topics;

/** The controllers panel and the audit findings as /api/state and the page get them, fed through the real decoder. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetStateTest {
    private static final Site SITE = ConsoleDecoderTest.SITE.site();
    private static final String P = ConsoleDecoderTest.P;
    private static final String SHA_A = "aa".repeat(32);
    private static final String SHA_B = "bb".repeat(32);
    private final ConsoleDecoder decoder = new ConsoleDecoder(SITE, new Topics(P));
    private final ConsoleState state = new ConsoleState(SITE, SITE.name(), new ConsoleMap(SITE,
            java.util.Optional.empty()), SHA_A);

    private void hear(String topic, String body, long now) {
        ConsoleDecoder.Update u = decoder.decode(P + topic, body.getBytes(StandardCharsets.UTF_8));
        assertFalse(u instanceof ConsoleDecoder.Update.Rejected, u.toString());
        state.apply(u, now);
    }

    private static JsonNode controller(JsonNode snap, String id) {
        for (JsonNode c : snap.get("controllers")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no controller " + id);
    }

    private static JsonNode door(JsonNode snap, String id) {
        for (JsonNode z : snap.get("zones")) {
            for (JsonNode d : z.get("doors")) {
                if (d.get("id").asText().equals(id)) {
                    return d;
                }
            }
        }
        throw new AssertionError("no door " + id);
    }

    private static String problems(JsonNode c) {
        return c.get("problems").toString();
    }

    @Test
    void every_controller_is_listed_unknown_until_heard_then_online_with_since_when_and_offline_as_a_problem() {
        state.brokerConnected(1_000);
        JsonNode s = state.snapshot(1_000);
        assertEquals(SITE.controllers().size(), s.get("controllers").size());
        assertEquals("unknown", controller(s, "commons").get("availability").asText());
        assertTrue(problems(controller(s, "commons")).contains("not heard from"));
        hear("/controller/commons/availability", "online", 2_000);
        hear("/controller/commons/availability", "online", 9_000); // a republish is not a change
        s = state.snapshot(9_000);
        JsonNode c = controller(s, "commons");
        assertEquals("online", c.get("availability").asText());
        assertEquals("1970-01-01T00:00:02Z", c.get("since").asText());
        assertFalse(c.get("sinceExact").asBoolean(), "the first message heard is not a change seen");
        assertEquals(1, s.at("/fleet/online").asInt());
        hear("/controller/commons/availability", "offline", 10_000);
        c = controller(state.snapshot(10_000), "commons");
        assertEquals("offline", c.get("availability").asText());
        assertEquals("1970-01-01T00:00:10Z", c.get("since").asText());
        assertTrue(c.get("sinceExact").asBoolean());
        assertTrue(problems(c).contains("OFFLINE"), problems(c));
    }

    @Test
    void the_uplink_is_said_in_words_and_drops_and_forgeries_are_problems() {
        hear("/controller/commons/availability", "online", 1_000);
        hear("/controller/commons/uplink", FleetDecoderTest.uplink(null, null), 1_000);
        JsonNode c = controller(state.snapshot(1_000), "commons");
        assertEquals("reconnected 3 times, 1 queued, 2 dropped, 13 rejected messages", c.get("uplink").asText());
        assertTrue(problems(c).contains("dropped 2 message(s)"), problems(c));
        hear("/controller/commons/uplink", FleetDecoderTest.uplink("forgedPeerMessages", "4"), 2_000);
        c = controller(state.snapshot(2_000), "commons");
        assertTrue(problems(c).contains("FORGED: refused 4"), problems(c));
        assertTrue(c.get("uplink").asText().contains("4 FORGED peer messages"));
        assertEquals("uplink health not reported yet", controller(state.snapshot(2_000), "east-lower").get("uplink")
                .asText());
    }

    @Test
    void a_journal_fault_is_a_problem_and_a_healthy_journal_is_not() {
        hear("/controller/commons/availability", "online", 1_000);
        hear("/controller/commons/info", FleetDecoderTest.info("commons", SHA_A, true), 1_000);
        JsonNode c = controller(state.snapshot(1_000), "commons");
        assertEquals("journal OK (on disk)", c.get("journal").asText());
        assertEquals("[]", problems(c));
        hear("/controller/commons/info", FleetDecoderTest.info("commons", SHA_A, false), 2_000);
        c = controller(state.snapshot(2_000), "commons");
        assertEquals("JOURNAL FAULT (on disk)", c.get("journal").asText());
        assertTrue(problems(c).contains("JOURNAL FAULT: its last journal write failed (2 failed"), problems(c));
    }

    @Test
    void controllers_running_different_site_files_are_each_named_with_the_others() {
        hear("/controller/commons/info", FleetDecoderTest.info("commons", SHA_A, true), 1_000);
        hear("/controller/east-lower/info", FleetDecoderTest.info("east-lower", SHA_A, true), 1_000);
        JsonNode s = state.snapshot(1_000);
        assertFalse(s.at("/fleet/siteFilesDiffer").asBoolean());
        assertFalse(controller(s, "commons").get("siteFileMismatch").asBoolean());
        hear("/controller/west-lower/info", FleetDecoderTest.info("west-lower", SHA_B, true), 2_000);
        s = state.snapshot(2_000);
        assertTrue(s.at("/fleet/siteFilesDiffer").asBoolean());
        JsonNode w = controller(s, "west-lower");
        assertTrue(w.get("siteFileMismatch").asBoolean());
        assertTrue(problems(w).contains("SITE FILE DIFFERS: this controller runs bbbbbbbbbbbb, commons, east-lower"
                + " run aaaaaaaaaaaa"), problems(w));
        assertTrue(problems(controller(s, "commons")).contains("west-lower run bbbbbbbbbbbb"));
        assertFalse(controller(s, "east-upper").get("siteFileMismatch").asBoolean(), "no info: nothing to compare");
    }

    @Test
    void controllers_agreeing_on_a_file_the_console_does_not_run_are_said() {
        hear("/controller/commons/info", FleetDecoderTest.info("commons", SHA_B, true), 1_000);
        JsonNode s = state.snapshot(1_000);
        assertTrue(s.at("/fleet/consoleSiteFileDiffers").asBoolean());
        assertTrue(s.at("/fleet/siteFileNote").asText().contains("not the one this console was started with"));
    }

    @Test
    void an_audit_finding_is_on_its_door_and_a_failing_door_is_listed_until_it_passes() {
        hear("/audit/door/c104", FleetDecoderTest.audit(null, null), 1_000);
        hear("/audit/door/c105", FleetDecoderTest.audit("door", "\"c105\"").replace("\"passed\":false",
                "\"passed\":true"), 1_000);
        JsonNode s = state.snapshot(1_000);
        assertEquals(1, s.get("auditFailing").size());
        assertEquals("c104", s.at("/auditFailing/0/id").asText());
        assertEquals("Room 104", s.at("/auditFailing/0/room").asText());
        assertEquals("bolt not seen", s.at("/auditFailing/0/detail").asText());
        assertEquals(2, s.get("auditedDoors").asInt());
        JsonNode door = door(s, "c104");
        assertEquals("FAILED", door.at("/audit/result").asText());
        assertEquals("2026-12-05T07:00:00Z", door.at("/audit/at").asText());
        assertEquals("PASSED", door(s, "c105").at("/audit/result").asText());
        assertTrue(door(s, "c106").get("audit").isNull());
        hear("/audit/door/c104", FleetDecoderTest.audit("passed", "true"), 2_000);
        assertEquals(0, state.snapshot(2_000).get("auditFailing").size());
    }
}
