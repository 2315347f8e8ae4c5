package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Mode;

/** The map in the page's picture: every door's floor, place and grid cell; the cell in the count and in alerts. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleMapTest {
    private static final SiteConfig CONFIG = ConsoleDecoderTest.SITE;

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
    void room_104_is_on_the_ground_floor_in_grid_C9_in_the_picture_the_count_and_its_alert() {
        ConsoleState state = new ConsoleState(CONFIG.site(), "x", new ConsoleMap(CONFIG.site(), CONFIG.map()));
        state.brokerConnected(0);
        state.apply(new ConsoleDecoder.Update.Zone("east", Mode.LOCKDOWN, false, ""), 0);
        state.apply(new ConsoleDecoder.Update.Door("c104", Optional.of(DoorStatus.PROPPED), false, "", ""), 0);
        state.apply(new ConsoleDecoder.Update.AlertRaised("DOOR_PROPPED", "c104", "Room 104", "east", "", false, ""), 0);
        JsonNode s = state.snapshot(0);
        JsonNode c104 = door(s, "c104");
        assertEquals("C9", c104.get("cell").asText());
        assertEquals("ground", c104.get("floor").asText());
        assertEquals(86, c104.get("x").asInt());
        assertEquals(28, c104.get("y").asInt());
        JsonNode not = s.at("/count/notSecured");
        JsonNode room104 = null;
        for (JsonNode n : not) {
            if (n.get("id").asText().equals("c104")) {
                room104 = n;
            }
        }
        assertEquals("C9", room104.get("cell").asText());
        assertEquals("C9", s.at("/alerts/0/cell").asText());
        assertTrue(s.at("/map/present").asBoolean());
        assertEquals("/plan/ground", s.at("/map/floors/0/plan").asText());
        assertEquals(12, s.at("/map/grid/columns").size());
        assertEquals(0, s.at("/map/unplaced").size());
    }

    @Test
    void a_site_without_a_map_says_so_and_gives_no_cells() {
        ConsoleState state = new ConsoleState(CONFIG.site(), "x");
        JsonNode s = state.snapshot(0);
        assertFalse(s.at("/map/present").asBoolean());
        assertEquals("", door(s, "c104").get("cell").asText());
        assertFalse(door(s, "c104").has("floor"));
    }

    @Test
    void only_the_floors_the_site_file_names_have_a_plan() {
        ConsoleMap map = new ConsoleMap(CONFIG.site(), CONFIG.map());
        assertTrue(map.plan("ground").isPresent());
        assertTrue(map.plan("first").isPresent());
        assertFalse(map.plan("../site.example.yaml").isPresent());
        assertFalse(map.plan("lincoln-ground.svg").isPresent());
    }
}
