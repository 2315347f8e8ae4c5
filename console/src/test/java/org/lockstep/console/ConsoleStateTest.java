package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;

/** What the page is told: the count, and staleness decided on the server (a stale SECURED is never current). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleStateTest {
    private static final Site SITE = ConsoleDecoderTest.SITE.site();
    private final ConsoleState state = new ConsoleState(SITE, SITE.name());

    private void lockedDown(long now) {
        state.brokerConnected(now);
        SITE.zones().forEach(z -> state.apply(new ConsoleDecoder.Update.Zone(z.id(), Mode.LOCKDOWN, false, ""), now));
        for (DoorSpec d : SITE.doors()) {
            state.apply(new ConsoleDecoder.Update.Door(d.id(), Optional.of(d.id().equals("c104") ? DoorStatus.PROPPED
                    : DoorStatus.SECURED), false, "", ""), now);
        }
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

    @Test
    void during_a_lockdown_the_count_names_each_door_not_secured_with_its_room_status_and_zone() {
        lockedDown(1_000);
        JsonNode s = state.snapshot(1_000);
        int total = SITE.doors().size();
        assertTrue(s.get("lockdown").asBoolean());
        assertEquals(total - 1, s.at("/count/secured").asInt());
        assertEquals(total, s.at("/count/total").asInt());
        assertEquals("Room 104", s.at("/count/notSecured/0/room").asText());
        assertEquals("PROPPED", s.at("/count/notSecured/0/status").asText());
        assertEquals("East wing", s.at("/count/notSecured/0/zone").asText());
    }

    @Test
    void when_the_broker_is_lost_every_door_is_stale_and_none_counts_as_secured() {
        lockedDown(1_000);
        state.brokerLost(2_000);
        JsonNode s = state.snapshot(3_000);
        assertEquals(false, s.get("brokerUp").asBoolean());
        assertEquals("1970-01-01T00:00:01Z", s.get("lastLive").asText());
        assertEquals("1970-01-01T00:00:02Z", s.get("brokerLost").asText());
        assertEquals(0, s.at("/count/secured").asInt());
        for (DoorSpec d : SITE.doors()) {
            assertTrue(door(s, d.id()).get("stale").asBoolean(), d.id());
        }
        assertEquals("SECURED", door(s, "c101").get("lastKnown").asText());
    }

    @Test
    void a_door_of_an_offline_controller_shows_OFFLINE_with_its_last_status_beside_it() {
        lockedDown(1_000);
        state.apply(new ConsoleDecoder.Update.Availability("east-lower", false), 1_500);
        JsonNode c101 = door(state.snapshot(1_500), "c101");
        assertEquals("OFFLINE", c101.get("status").asText());
        assertEquals("SECURED", c101.get("lastKnown").asText());
        assertTrue(c101.get("stale").asBoolean());
        assertTrue(state.snapshot(1_500).at("/count/secured").asInt() < SITE.doors().size() - 1);
    }

    @Test
    void a_door_never_heard_from_is_UNKNOWN_not_assumed() {
        state.brokerConnected(0);
        assertEquals("UNKNOWN", door(state.snapshot(0), "c101").get("status").asText());
    }

    @Test
    void an_action_counts_its_answers_and_names_a_controller_silent_after_2_seconds() {
        state.actionSent("c-1", "LOCKDOWN (site)", List.of("east-lower", "commons"), 10_000);
        state.apply(new ConsoleDecoder.Update.Result("c-1", "east-lower", true, ""), 10_050);
        state.apply(new ConsoleDecoder.Update.Result("c-1", "west-lower", true, ""), 10_060); // not expected: ignored
        JsonNode early = state.snapshot(10_100).at("/actions/0");
        assertEquals(1, early.get("accepted").asInt());
        assertEquals("WAITING", early.at("/controllers/1/answer").asText());
        JsonNode late = state.snapshot(10_000 + ConsoleState.ANSWER_DEADLINE_MS).at("/actions/0");
        assertEquals("SILENT", late.at("/controllers/1/answer").asText());
        assertTrue(late.at("/controllers/1/reason").asText().contains("2000 ms"));
        state.apply(new ConsoleDecoder.Update.Result("c-1", "commons", false, "not allowed"), 12_500);
        JsonNode refused = state.snapshot(12_500).at("/actions/0/controllers/1");
        assertEquals("REFUSED", refused.get("answer").asText());
        assertEquals("not allowed", refused.get("reason").asText());
    }

    @Test
    void a_refused_message_changes_nothing_but_the_count_of_refusals() {
        state.brokerConnected(0);
        String before = state.snapshot(5).toString();
        state.apply(new ConsoleDecoder.Update.Rejected("t", "bad"), 5);
        JsonNode after = state.snapshot(5);
        assertEquals(1, after.get("rejected").asInt());
        assertEquals(before.replace("\"rejected\":0", "\"rejected\":1"), after.toString());
    }
}
