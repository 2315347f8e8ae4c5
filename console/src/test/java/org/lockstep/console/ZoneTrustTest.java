package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.mqtt.Topics;

/** What the page and the summary make of zone modes on a site without controller keys, and of a flood of forgeries. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ZoneTrustTest {
    private static final Site SITE = ConsoleDecoderTest.SITE.site();
    private static final String P = ConsoleDecoderTest.P;
    private final ConsoleState state = new ConsoleState(SITE, SITE.name());

    private static String east(String mode, long version) {
        return "{\"zone\":\"east\",\"mode\":\"" + mode + "\",\"drill\":false,\"since\":\"t\",\"sinceMs\":1,"
                + "\"trigger\":null,\"reason\":\"\",\"version\":" + version + ",\"controller\":\"east-lower\"}";
    }

    private JsonNode eastOf(JsonNode snapshot) {
        for (JsonNode z : snapshot.get("zones")) {
            if (z.get("id").asText().equals("east")) {
                return z;
            }
        }
        throw new AssertionError("no zone east");
    }

    @Test
    void on_a_site_without_controller_keys_a_mode_is_shown_marked_unverified_and_kept_out_of_the_summary() {
        ConsoleDecoder noKeys = new ConsoleDecoder(SITE, new Topics(P)); // the site file lists no keys
        state.brokerConnected(0);
        state.apply(noKeys.decode(P + "/zone/east/mode", east("LOCKDOWN", 3).getBytes(StandardCharsets.UTF_8)), 0);
        JsonNode east = eastOf(state.snapshot(0));
        assertEquals("LOCKDOWN", east.get("mode").asText());
        assertEquals("UNVERIFIED", east.get("trust").asText());
        JsonNode summary = SiteSummary.content("lincoln-ms", state.snapshot(0)).at("/zones/east");
        assertEquals("UNKNOWN", summary.get("mode").asText(), summary.toString());
        assertEquals("LOCKDOWN", summary.get("unverifiedMode").asText(), summary.toString());
    }

    @Test
    void a_flood_of_refused_zone_modes_is_one_alert_and_one_log_line_a_minute_its_count_growing() {
        ConsoleDecoder.Update forged = new ConsoleDecoder.Update.ZoneRefused(P + "/zone/east/mode", "east", "unsigned",
                "peer message is unsigned");
        state.brokerConnected(0);
        int logLines = 0;
        for (int i = 0; i < 10_000; i++) {
            state.apply(forged, i); // 10,000 in 10 s
            logLines += state.takeZoneLog().isEmpty() ? 0 : 1;
        }
        JsonNode s = state.snapshot(10_000);
        assertEquals(1, logLines);
        assertEquals(1, s.get("alerts").size(), s.get("alerts").toString());
        assertTrue(eastOf(s).get("problem").asText().contains("Refused 10000 messages"), eastOf(s).toString());

        state.apply(forged, 10_000 + ZoneTrust.QUIET_MS);
        assertTrue(!state.takeZoneLog().isEmpty(), "a new burst after a quiet minute is logged again");
        assertEquals(2, state.snapshot(10_000 + ZoneTrust.QUIET_MS).get("alerts").size());
    }
}
