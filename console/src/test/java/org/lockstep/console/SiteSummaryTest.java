package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;

/** The retained site summary: the console's picture in, per zone mode, drill, doors, secured and not secured out. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SiteSummaryTest {
    private static final Site SITE = ConsoleDecoderTest.SITE.site();
    private final ConsoleState state = new ConsoleState(SITE, SITE.name());

    private void eastLockedDownWith104Propped(long now) {
        state.brokerConnected(now);
        SITE.zones().forEach(z -> state.apply(new ConsoleDecoder.Update.Zone(z.id(),
                z.id().equals("east") ? Mode.LOCKDOWN : Mode.NORMAL, z.id().equals("east"), ""), now));
        for (DoorSpec d : SITE.doors()) {
            DoorStatus s = d.id().equals("c104") ? DoorStatus.PROPPED
                    : d.zone().equals("east") ? DoorStatus.SECURED : DoorStatus.UNLOCKED;
            state.apply(new ConsoleDecoder.Update.Door(d.id(), Optional.of(s), false, "", ""), now);
        }
    }

    @Test
    void each_zone_says_its_mode_drill_doors_secured_and_which_are_not_with_their_status() throws Exception {
        eastLockedDownWith104Propped(1_000);
        ObjectNode s = SiteSummary.of("lincoln-ms", state.snapshot(1_000), 1_000);
        JsonNode east = s.at("/zones/east");
        assertEquals("LOCKDOWN", east.get("mode").asText());
        assertTrue(east.get("drill").asBoolean());
        assertEquals(13, east.get("doors").asInt());
        assertEquals(12, east.get("secured").asInt());
        assertEquals(new ObjectMapper().readTree("{\"c104\":\"PROPPED\"}"), east.get("notSecured"));
        JsonNode west = s.at("/zones/west");
        assertEquals("NORMAL", west.get("mode").asText());
        assertEquals(0, west.get("secured").asInt());
        assertEquals("UNLOCKED", west.at("/notSecured/c201").asText());
        assertEquals(32, s.get("doors").asInt());
        assertEquals(12, s.get("secured").asInt());
        assertEquals(20, s.get("notSecured").size());
        assertTrue(s.get("live").asBoolean());
        assertEquals("lincoln-ms", s.get("site").asText());
        assertEquals(1, s.get("v").asInt());
        assertEquals("1970-01-01T00:00:01Z", s.get("asOf").asText());
    }

    @Test
    void a_door_whose_controller_is_offline_is_not_secured_even_if_it_last_said_SECURED() {
        eastLockedDownWith104Propped(1_000);
        state.apply(new ConsoleDecoder.Update.Availability("east-upper", false), 1_100);
        JsonNode east = SiteSummary.content("lincoln-ms", state.snapshot(1_100)).at("/zones/east");
        assertEquals(6, east.get("secured").asInt(), "the exit and 5 of east-lower's rooms; east-upper's 6 are OFFLINE");
        assertEquals("OFFLINE", east.at("/notSecured/c107").asText());
    }

    @Test
    void without_the_broker_the_content_is_not_live_and_no_door_counts_as_secured() {
        eastLockedDownWith104Propped(1_000);
        state.brokerLost(2_000);
        ObjectNode s = SiteSummary.content("x", state.snapshot(2_000));
        assertFalse(s.get("live").asBoolean());
        assertEquals(0, s.get("secured").asInt(), "a stale SECURED is never counted");
    }

    @Test
    void the_content_has_no_time_so_an_unchanged_picture_compares_equal() {
        eastLockedDownWith104Propped(1_000);
        assertEquals(SiteSummary.content("x", state.snapshot(1_000)), SiteSummary.content("x", state.snapshot(9_000)));
        assertFalse(SiteSummary.content("x", state.snapshot(1_000)).has("asOf"));
    }

    @Test
    void the_last_will_is_not_live_and_carries_no_counts_to_be_taken_for_current() {
        ObjectNode will = SiteSummary.notLive("lincoln-ms", "gone");
        assertFalse(will.get("live").asBoolean());
        assertFalse(will.has("zones") || will.has("secured") || will.has("notSecured"));
    }

    @Test
    void the_pacer_sends_the_first_change_after_quiet_at_once_then_at_most_every_250_ms() {
        SummaryPublisher.Pacer p = new SummaryPublisher.Pacer();
        assertEquals(0, p.waitMs(5_000), "nothing sent yet: at once");
        p.sent(5_000);
        assertEquals(250, p.waitMs(5_000));
        assertEquals(150, p.waitMs(5_100));
        assertEquals(0, p.waitMs(5_250));
        assertEquals(0, p.waitMs(60_000), "after quiet: at once");
        assertFalse(p.refreshDue(5_000 + SummaryPublisher.REFRESH_MS - 1));
        assertTrue(p.refreshDue(5_000 + SummaryPublisher.REFRESH_MS));
    }
}
