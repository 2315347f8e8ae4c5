package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.ZoneMode;

/** The pure peer zone-mode decoder: every field checked against the site and exact JSON types. */
class PeerZoneDecoderTest {
    final PeerZoneDecoder decoder = new PeerZoneDecoder("c0", MqttFixture.site(3, 2, 2));

    static String zone(String body) {
        return "{" + body + "}";
    }

    static final String GOOD = "\"zone\":\"z0\",\"mode\":\"LOCKDOWN\",\"drill\":false,\"since\":\"2026-11-23T10:00:00Z\","
            + "\"sinceMs\":5,\"trigger\":{\"kind\":\"operator\",\"id\":\"rivera\"},\"reason\":\"intruder\","
            + "\"version\":3,\"controller\":\"c1\"";

    PeerZoneDecoder.Decoded decode(String topicZone, String json) {
        return decoder.decode(topicZone, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a peer's zone mode as Payloads writes it becomes PeerModeSeen, zone from the topic")
    void good() {
        var d = assertInstanceOf(PeerZoneDecoder.Decoded.Peer.class, decode("z0", zone(GOOD)));
        assertEquals(new Event.PeerModeSeen("c1", "z0", Mode.LOCKDOWN, false,
                Optional.of(new Source.Operator("rivera")), "intruder", 3), d.event());
    }

    @Test
    @DisplayName("what Payloads.zone writes decodes back to the same mode (the encoder and decoder agree)")
    void roundTrip() {
        Payloads p = new Payloads("c2", WallClock.fixed(0));
        ZoneMode m = new ZoneMode(Mode.SECURE, true, 7, Optional.of(new Source.Operator("office")), "drill", 12);
        var d = assertInstanceOf(PeerZoneDecoder.Decoded.Peer.class,
                decoder.decode("z1", Payloads.bytes(p.zone("z1", m))));
        assertEquals(new Event.PeerModeSeen("c2", "z1", Mode.SECURE, true, m.trigger(), "drill", 12), d.event());
    }

    @Test
    @DisplayName("our own zone mode echoed back and a cleared retained topic are ignored, not counted")
    void ignored() {
        assertInstanceOf(PeerZoneDecoder.Decoded.Ignored.class, decode("z0", zone(GOOD.replace("\"c1\"", "\"c0\""))));
        assertInstanceOf(PeerZoneDecoder.Decoded.Ignored.class, decoder.decode("z0", new byte[0]));
        assertInstanceOf(PeerZoneDecoder.Decoded.Ignored.class, decode("z0", zone(GOOD.replace("\"version\":3",
                "\"version\":0").replace("LOCKDOWN", "NORMAL"))), "a peer's start state (version 0) is never news");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("unknown controller", "z0", GOOD.replace("\"c1\"", "\"ghost\""),
                        PeerZoneDecoder.Refusal.UNKNOWN_CONTROLLER),
                Arguments.of("body zone differs from the topic's", "z1", GOOD,
                        PeerZoneDecoder.Refusal.ZONE_CONTRADICTS),
                Arguments.of("body zone not a string", "z0", GOOD.replace("\"zone\":\"z0\"", "\"zone\":0"),
                        PeerZoneDecoder.Refusal.ZONE_CONTRADICTS),
                Arguments.of("unknown zone topic", "zzz-not-a-zone", GOOD.replace("\"z0\"", "\"zzz-not-a-zone\""),
                        PeerZoneDecoder.Refusal.UNKNOWN_ZONE),
                Arguments.of("version Long.MAX_VALUE", "z0", GOOD.replace("\"version\":3",
                        "\"version\":9223372036854775807"), PeerZoneDecoder.Refusal.VERSION_OUT_OF_BOUNDS),
                Arguments.of("version above the bound", "z0", GOOD.replace("\"version\":3",
                        "\"version\":" + (ZoneMode.MAX_VERSION + 1)), PeerZoneDecoder.Refusal.VERSION_OUT_OF_BOUNDS),
                Arguments.of("version beyond a long", "z0", GOOD.replace("\"version\":3",
                        "\"version\":99999999999999999999999"), PeerZoneDecoder.Refusal.VERSION_OUT_OF_BOUNDS),
                Arguments.of("version negative", "z0", GOOD.replace("\"version\":3", "\"version\":-1"),
                        PeerZoneDecoder.Refusal.VERSION_OUT_OF_BOUNDS),
                Arguments.of("version a fraction", "z0", GOOD.replace("\"version\":3", "\"version\":3.5"),
                        PeerZoneDecoder.Refusal.VERSION_OUT_OF_BOUNDS),
                Arguments.of("version a string", "z0", GOOD.replace("\"version\":3", "\"version\":\"3\""),
                        PeerZoneDecoder.Refusal.WRONG_TYPE),
                Arguments.of("version missing", "z0", GOOD.replace(",\"version\":3", ""),
                        PeerZoneDecoder.Refusal.WRONG_TYPE),
                Arguments.of("drill null", "z0", GOOD.replace("\"drill\":false", "\"drill\":null"),
                        PeerZoneDecoder.Refusal.WRONG_TYPE),
                Arguments.of("drill a string", "z0", GOOD.replace("\"drill\":false", "\"drill\":\"false\""),
                        PeerZoneDecoder.Refusal.WRONG_TYPE),
                Arguments.of("mode lower case", "z0", GOOD.replace("LOCKDOWN", "lockdown"),
                        PeerZoneDecoder.Refusal.WRONG_TYPE),
                Arguments.of("unknown trigger operator", "z0", GOOD.replace("rivera", "okafor"),
                        PeerZoneDecoder.Refusal.UNKNOWN_TRIGGER),
                Arguments.of("trigger kind unknown", "z0", GOOD.replace("\"operator\"", "\"robot\""),
                        PeerZoneDecoder.Refusal.UNKNOWN_TRIGGER),
                Arguments.of("unknown field", "z0", GOOD + ",\"force\":true", PeerZoneDecoder.Refusal.UNKNOWN_FIELD),
                Arguments.of("reason a number", "z0", GOOD.replace("\"intruder\"", "7"),
                        PeerZoneDecoder.Refusal.WRONG_TYPE),
                Arguments.of("huge payload", "z0", GOOD + ",\"reason2\":\"" + "x".repeat(10_000) + "\"",
                        PeerZoneDecoder.Refusal.TOO_LARGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithTheReason(String name, String topicZone, String body, PeerZoneDecoder.Refusal kind) {
        var r = assertInstanceOf(PeerZoneDecoder.Decoded.Rejected.class, decode(topicZone, zone(body)), name);
        assertEquals(kind, r.kind(), name + ": " + r.reason());
    }

    @Test
    @DisplayName("unknown controller, contradicting zone and out-of-bounds version are marked forged")
    void forged() {
        assertTrue(PeerZoneDecoder.Refusal.UNKNOWN_CONTROLLER.forged());
        assertTrue(PeerZoneDecoder.Refusal.ZONE_CONTRADICTS.forged());
        assertTrue(PeerZoneDecoder.Refusal.VERSION_OUT_OF_BOUNDS.forged());
        assertTrue(!PeerZoneDecoder.Refusal.NOT_JSON.forged());
    }

    @Test
    @DisplayName("the exact shape of issue 8 #1 is refused as forged")
    void theIssuesForgery() {
        var r = assertInstanceOf(PeerZoneDecoder.Decoded.Rejected.class, decode("zzz-gym",
                "{\"zone\":\"gym\",\"mode\":\"SECURE\",\"version\":9223372036854775807,\"controller\":\"ghost\","
                        + "\"trigger\":{\"kind\":\"operator\",\"id\":\"okafor\"}}"));
        assertEquals(PeerZoneDecoder.Refusal.UNKNOWN_ZONE, r.kind());
        var r2 = assertInstanceOf(PeerZoneDecoder.Decoded.Rejected.class, decode("z0",
                "{\"zone\":\"z0\",\"mode\":\"SECURE\",\"version\":9223372036854775807,\"controller\":\"ghost\","
                        + "\"trigger\":{\"kind\":\"operator\",\"id\":\"okafor\"}}"));
        assertTrue(r2.forged(), r2.reason());
    }
}
