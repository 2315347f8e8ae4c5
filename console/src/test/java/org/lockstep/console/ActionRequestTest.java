package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ActionRequestTest {
    private static final Set<String> ZONES = Set.of("east", "west");

    private static ActionRequest.Parsed parse(String body) {
        return ActionRequest.parse(body.getBytes(StandardCharsets.UTF_8), ZONES);
    }

    @Test
    void lockdown_secure_drill_and_all_clear_for_the_site_or_a_zone_are_accepted() {
        assertEquals(new ActionRequest("lockdown", Optional.empty()),
                ((ActionRequest.Parsed.Ok) parse("{\"action\":\"lockdown\"}")).request());
        ActionRequest r = ((ActionRequest.Parsed.Ok) parse("{\"action\":\"drill\",\"zone\":\"east\"}")).request();
        assertEquals("DRILL (zone east)", r.label());
        assertEquals("SECURE (site)", ((ActionRequest.Parsed.Ok) parse("{\"action\":\"secure\",\"zone\":null}"))
                .request().label());
        assertEquals(new ActionRequest("all-clear", Optional.of("east")),
                ((ActionRequest.Parsed.Ok) parse("{\"action\":\"ALL_CLEAR\",\"zone\":\"east\"}")).request());
        assertEquals("ALL CLEAR (site)", ((ActionRequest.Parsed.Ok) parse("{\"action\":\"all-clear\"}"))
                .request().label());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown action          | {"action":"evacuate"}                  | 400 | unknown action 'evacuate'
            a zone not in the site     | {"action":"lockdown","zone":"attic"}   | 400 | no zone 'attic'
            a zone that is a number    | {"action":"lockdown","zone":3}         | 400 | no zone NUMBER
            an extra field             | {"action":"lockdown","operator":"okafor"} | 400 | unknown field 'operator'
            no action                  | {"zone":"east"}                        | 400 | 'action' must be a string
            not JSON                   | action=lockdown                        | 400 | not valid JSON
            duplicate keys             | {"action":"drill","action":"lockdown"} | 400 | not valid JSON
            """)
    void anything_else_is_refused_with_a_status_and_the_reason(String what, String body, int status, String reason) {
        ActionRequest.Parsed p = parse(body);
        ActionRequest.Refused r = assertInstanceOf(ActionRequest.Parsed.No.class, p, what).refused();
        assertEquals(status, r.status(), what);
        assertTrue(r.reason().contains(reason), what + ": " + r.reason());
    }

    @Test
    void a_body_past_the_limit_is_refused_unread() {
        byte[] big = new byte[ActionRequest.MAX_BODY_BYTES + 1];
        assertEquals(413, assertInstanceOf(ActionRequest.Parsed.No.class, ActionRequest.parse(big, ZONES)).refused()
                .status());
    }
}
