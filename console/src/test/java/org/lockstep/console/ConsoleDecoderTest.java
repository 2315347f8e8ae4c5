package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.DoorRole;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.mqtt.MqttLimits;
import org.lockstep.controller.mqtt.Payloads;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.mqtt.WallClock;

/** The console's boundary: what a controller publishes is read; anything else is refused with a reason, never thrown. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleDecoderTest {
    static final SiteConfig SITE = load();
    static final String P = "lockstep/lincoln-ms";
    private final ConsoleDecoder decoder = new ConsoleDecoder(SITE.site(), new Topics(P));

    static SiteConfig load() {
        try {
            return SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ConsoleDecoder.Update decode(String topic, String json) {
        return decoder.decode(topic, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A door status as a controller publishes it (Payloads.door), with one field replaced. */
    static String door(String field, String value) {
        String base = "{\"door\":\"c104\",\"status\":\"SECURED\",\"open\":false,\"locked\":true,\"lockCommanded\":true,"
                + "\"zone\":\"east\",\"room\":\"Room 104\",\"role\":\"CLASSROOM\",\"since\":\"2026-12-05T08:00:00Z\","
                + "\"sinceMs\":5,\"seq\":3,\"detail\":\"\",\"drill\":false,\"controller\":\"east-lower\"}";
        return field == null ? base : base.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[a-z0-9]+)", "\"" + field + "\":"
                + value);
    }

    @Test
    void a_controllers_door_status_zone_mode_alert_availability_and_answer_are_read() {
        assertEquals(new ConsoleDecoder.Update.Door("c104", Optional.of(DoorStatus.SECURED), false,
                "2026-12-05T08:00:00Z", ""), decode(P + "/door/c104/status", door(null, null)));
        assertEquals(new ConsoleDecoder.Update.Zone("east", Mode.LOCKDOWN, true, "t", "", "", "commons", 4,
                ConsoleDecoder.Trust.UNVERIFIED), decode(P + "/zone/east/mode",
                "{\"zone\":\"east\",\"mode\":\"LOCKDOWN\",\"drill\":true,\"since\":\"t\",\"sinceMs\":1,\"trigger\":null,"
                        + "\"reason\":\"\",\"version\":4,\"controller\":\"commons\"}"));
        ConsoleDecoder.Update a = decode(P + "/alert", "{\"id\":\"a1\",\"kind\":\"DOOR_PROPPED\",\"subject\":\"c104\","
                + "\"room\":\"\",\"zone\":\"east\",\"detail\":\"propped\",\"drill\":false,\"controller\":\"east-lower\","
                + "\"at\":\"t\",\"atMs\":1}");
        assertEquals("Room 104", ((ConsoleDecoder.Update.AlertRaised) a).room(), "the site file names the room");
        assertEquals(new ConsoleDecoder.Update.Availability("commons", false),
                decode(P + "/controller/commons/availability", "offline"));
        assertEquals(new ConsoleDecoder.Update.Result("c-00ff", "commons", false, "not allowed"),
                decode(P + "/cmd/result/c-00ff/commons", "{\"id\":\"c-00ff\",\"controller\":\"commons\","
                        + "\"accepted\":false,\"reason\":\"not allowed\",\"at\":\"t\"}"));
        assertEquals(new ConsoleDecoder.Update.Door("c104", Optional.empty(), false, "", ""),
                decoder.decode(P + "/door/c104/status", new byte[0]), "a cleared retained status: unknown again");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a door the site does not have        | /door/c999/status               | {}                                  | no door 'c999'
            a status that is not one             | /door/c104/status               | STATUS=\"LOCKED\"                    | unknown status 'LOCKED'
            drill as a string                    | /door/c104/status               | drill=\"false\"                      | 'drill' must be true or false
            status as a number                   | /door/c104/status               | status=1                            | 'status' must be a string
            the door field naming another door   | /door/c104/status               | door=\"c105\"                        | the topic says c104
            the door in another zone             | /door/c104/status               | zone=\"west\"                        | puts c104 in east
            published by another controller      | /door/c104/status               | controller=\"west-lower\"            | gives c104 to east-lower
            a zone the site does not have        | /zone/attic/mode                | {"mode":"LOCKDOWN","drill":false}   | no zone 'attic'
            a mode that is not one               | /zone/east/mode                 | {"mode":"PANIC","drill":false,"controller":"commons","version":1} | unknown mode 'PANIC'
            a zone mode without drill            | /zone/east/mode                 | {"mode":"LOCKDOWN"}                 | 'drill' must be true or false
            a zone mode without its controller   | /zone/east/mode                 | {"mode":"NORMAL","drill":false,"version":1} | missing field 'controller'
            a zone mode from no such controller  | /zone/east/mode                 | {"mode":"NORMAL","drill":false,"version":1,"controller":"ghost"} | 'ghost', which the site file does not have
            a zone mode with a version too large | /zone/east/mode                 | {"mode":"NORMAL","drill":false,"version":1e30,"controller":"commons"} | 'version' must be an integer
            an alert in a zone not in the site   | /alert                          | {"kind":"X","drill":false,"zone":"z"} | no zone 'z'
            an alert kind with markup            | /alert                          | {"kind":"<b>","drill":false}        | field 'kind' must be
            an unknown controller's availability | /controller/ghost/availability  | online                              | no controller 'ghost'
            availability that is neither         | /controller/commons/availability | maybe                              | must be online or offline
            an answer from an unknown controller | /cmd/result/c-1/ghost           | {"accepted":true}                   | no controller 'ghost'
            an answer with accepted as a string  | /cmd/result/c-1/commons         | {"accepted":"yes"}                  | 'accepted' must be true or false
            not JSON                             | /zone/east/mode                 | {mode:                              | not a JSON object
            a JSON array                         | /alert                          | []                                  | not a JSON object
            duplicate keys                       | /zone/east/mode                 | {"mode":"NORMAL","mode":"LOCKDOWN","drill":false} | not a JSON object
            a topic the console does not read    | /sim/door/c104/prop             | {}                                  | not a topic the console reads
            """)
    void a_bad_message_is_refused_with_the_reason(String what, String topic, String payload, String reason) {
        String body = payload;
        if (payload.contains("=")) { // field=value: a controller's door status with that field replaced
            String[] kv = payload.split("=", 2);
            body = kv[0].equals("STATUS") ? door("status", kv[1]) : door(kv[0], kv[1]);
        }
        ConsoleDecoder.Update u = decode(P + topic, body);
        // On a zone of the site's mode topic a refusal is a ZoneRefused: the page shows it as a problem of that zone.
        String said = switch (u) {
            case ConsoleDecoder.Update.Rejected r -> r.reason();
            case ConsoleDecoder.Update.ZoneRefused z -> z.detail();
            default -> throw new AssertionError(what + ": not refused: " + u);
        };
        assertTrue(said.contains(reason), what + ": " + said);
    }

    /** The controller's side of the text bound: whatever it publishes, however long its cause, this console reads. */
    @Test
    void a_controllers_longest_alert_door_detail_and_answer_are_read_not_refused() {
        assertEquals(ConsoleDecoder.MAX_TEXT_CHARS, MqttLimits.MAX_PUBLISHED_TEXT_CHARS, "one bound on both sides");
        Payloads payloads = new Payloads("east-lower", WallClock.fixed(0));
        String longText = "someone publishes as a controller; ".repeat(40);
        assertInstanceOf(ConsoleDecoder.Update.AlertRaised.class, decoder.decode(P + "/alert", Payloads.bytes(
                payloads.alert("a1", "PEER_FORGED", "east-lower", "", "", longText, false, 5))));
        assertInstanceOf(ConsoleDecoder.Update.Door.class, decoder.decode(P + "/door/c104/status", Payloads.bytes(
                payloads.door(new DoorView("c104", "Room 104", "east", DoorRole.CLASSROOM, DoorStatus.FAULT, false,
                        true, 5, 1, longText, false)))));
        assertInstanceOf(ConsoleDecoder.Update.Result.class, decoder.decode(P + "/cmd/result/c-1/east-lower",
                Payloads.bytes(payloads.result("c-1", false, longText, 5))));
    }

    @Test
    void an_oversized_payload_or_text_is_refused_unread() {
        byte[] big = new byte[MqttLimits.MAX_INBOUND_BYTES + 1];
        assertInstanceOf(ConsoleDecoder.Update.Rejected.class, decoder.decode(P + "/door/c104/status", big));
        String longDetail = door("detail", "\"" + "x".repeat(ConsoleDecoder.MAX_TEXT_CHARS + 1) + "\"");
        ConsoleDecoder.Update u = decode(P + "/door/c104/status", longDetail);
        assertTrue(u instanceof ConsoleDecoder.Update.Rejected r && r.reason().contains("longer than 256"), u.toString());
        assertInstanceOf(ConsoleDecoder.Update.Rejected.class, decode("lockstep/other-site/door/c104/status",
                door(null, null)), "another site's prefix");
    }

    @Test
    void no_input_makes_the_decoder_throw() {
        long seed = Long.getLong("lockstep.fuzz.seed", System.nanoTime());
        System.out.println("ConsoleDecoderTest fuzz seed " + seed + " (replay: -Dlockstep.fuzz.seed=" + seed + ")");
        Random r = new Random(seed);
        String[] topics = {"/door/c104/status", "/zone/east/mode", "/alert", "/controller/commons/availability",
            "/cmd/result/c-1/commons", "/door/%s/status", "/%s", "/cmd/result/%s/%s", "/controller/commons/info",
            "/controller/commons/uplink", "/audit/door/c104", "/audit/door/%s", "/controller/%s/uplink"};
        String[] pieces = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\"status\"",
            "\"SECURED\"", "\"drill\"", "\"door\"", "\"c104\"", "\\u0000", "\uD800", "{\"a\":", "\"mode\":\"LOCKDOWN\"",
            "\"passed\"", "\"reconnects\"", "\"controller\":\"commons\"", "-1", "99999999999999999999"};
        for (int i = 0; i < 20_000; i++) {
            String topic = P + String.format(topics[r.nextInt(topics.length)], junk(r), junk(r));
            byte[] payload;
            if (r.nextBoolean()) {
                payload = new byte[r.nextInt(64)];
                r.nextBytes(payload);
            } else {
                StringBuilder b = new StringBuilder();
                for (int k = r.nextInt(12); k > 0; k--) {
                    b.append(pieces[r.nextInt(pieces.length)]);
                }
                payload = b.toString().getBytes(StandardCharsets.UTF_8);
            }
            ConsoleDecoder.Update u = decoder.decode(topic, payload); // must return, never throw
            if (u instanceof ConsoleDecoder.Update.Rejected rej) {
                assertTrue(!rej.reason().startsWith("unexpected:"), "seed " + seed + ": a path threw: " + rej);
            }
        }
        assertInstanceOf(ConsoleDecoder.Update.Rejected.class, decoder.decode(null, null));
    }

    private static String junk(Random r) {
        String[] s = {"c104", "", "+", "#", "../x", "C104", "c104/extra", "\u0000", "a".repeat(300), "commons"};
        return s[r.nextInt(s.length)];
    }
}
