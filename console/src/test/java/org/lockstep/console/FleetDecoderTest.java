package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.journal.JournalHealth;
import org.lockstep.controller.mqtt.ControllerInfo;
import org.lockstep.controller.mqtt.Topics;

/** The fleet topics at the console's boundary: info, uplink health, lock-audit findings; bad ones refused with why. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetDecoderTest {
    static final String P = ConsoleDecoderTest.P;
    static final String SHA = "ab".repeat(32);
    private final ConsoleDecoder decoder = new ConsoleDecoder(ConsoleDecoderTest.SITE.site(), new Topics(P));

    /** What a controller publishes on info (ControllerInfo.toJson), for {@code id}. */
    static String info(String id, String sha, boolean journalOk) {
        return new ControllerInfo(id, "0.9.0", sha, Instant.parse("2026-12-05T08:00:00Z"),
                new JournalHealth(true, journalOk, journalOk ? 0 : 2, 0), Map.of("east", new ControllerInfo.ZoneState(
                        Mode.NORMAL, false))).toJson().toString();
    }

    /** What a controller publishes on uplink (UplinkHealth.health), one field replaced. */
    static String uplink(String field, String value) {
        String base = "{\"controller\":\"commons\",\"reconnects\":3,\"queuedOrdered\":0,\"queuedEvents\":1,"
                + "\"retainedTopics\":40,\"droppedOrdered\":0,\"droppedEvents\":2,\"droppedStaleShares\":0,"
                + "\"refusedRetained\":0,\"commandsRejected\":12,\"invalidShares\":0,\"peerZonesRejected\":1,"
                + "\"forgedPeerMessages\":0,\"rejected\":{\"command\":{\"BAD_SIGNATURE\":12},\"peerZone\":{},"
                + "\"share\":{}}}";
        return field == null ? base : base.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[a-z0-9]+)", "\"" + field
                + "\":" + value);
    }

    static String audit(String field, String value) {
        String base = "{\"door\":\"c104\",\"room\":\"Room 104\",\"zone\":\"east\",\"passed\":false,"
                + "\"detail\":\"bolt not seen\",\"at\":\"2026-12-05T07:00:00Z\"}";
        return field == null ? base : base.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[a-z0-9]+)", "\"" + field
                + "\":" + value);
    }

    private ConsoleDecoder.Update decode(String topic, String body) {
        return decoder.decode(P + topic, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_controllers_info_uplink_and_an_audit_finding_are_read() {
        ConsoleDecoder.Update i = decode("/controller/commons/info", info("commons", SHA, false));
        ConsoleDecoder.Update.InfoSeen seen = assertInstanceOf(ConsoleDecoder.Update.InfoSeen.class, i);
        assertEquals(SHA, seen.info().orElseThrow().siteFileSha256());
        assertEquals(2, seen.info().orElseThrow().journal().appendFailures());
        assertEquals(new ConsoleDecoder.Update.UplinkSeen("commons", Optional.of(new UplinkCounts(3, 1, 2, 13, 0))),
                decode("/controller/commons/uplink", uplink(null, null)));
        assertEquals("reconnected 3 times, 1 queued, 2 dropped, 13 rejected messages",
                new UplinkCounts(3, 1, 2, 13, 0).words());
        assertEquals(new ConsoleDecoder.Update.AuditSeen("c104", Optional.of(new ConsoleDecoder.Update.Finding(false,
                "bolt not seen", "2026-12-05T07:00:00Z"))), decode("/audit/door/c104", audit(null, null)));
        assertEquals(new ConsoleDecoder.Update.AuditSeen("c104", Optional.empty()),
                decoder.decode(P + "/audit/door/c104", new byte[0]), "a cleared finding is forgotten");
        assertEquals(new ConsoleDecoder.Update.InfoSeen("commons", Optional.empty()),
                decoder.decode(P + "/controller/commons/info", new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            info from a controller the site lacks  | /controller/ghost/info    | INFO=ghost          | no controller 'ghost'
            info naming another controller         | /controller/commons/info  | INFO=west-lower     | the topic says commons
            info that is not JSON                  | /controller/commons/info  | {controller:        | controller info refused: not JSON
            info without its journal               | /controller/commons/info  | {"controller":"commons"} | journal: missing
            uplink from a controller the site lacks| /controller/ghost/uplink  | UPLINK=             | no controller 'ghost'
            uplink naming another controller       | /controller/commons/uplink | UPLINK=controller:"west-lower" | the topic's
            a count as a string                    | /controller/commons/uplink | UPLINK=reconnects:"3" | 'reconnects' must be a whole number
            a negative count                       | /controller/commons/uplink | UPLINK=droppedEvents:-1 | 'droppedEvents' must be a whole number
            a count past the bound                 | /controller/commons/uplink | UPLINK=commandsRejected:1000000000001 | 'commandsRejected' must be
            a fractional count                     | /controller/commons/uplink | UPLINK=forgedPeerMessages:1.5 | 'forgedPeerMessages' must be
            uplink as an array                     | /controller/commons/uplink | []                 | not a JSON object
            a finding for a door the site lacks    | /audit/door/c999          | AUDIT=              | no door 'c999'
            a finding naming another door          | /audit/door/c104          | AUDIT=door:"c105"   | the topic says c104
            a finding in another zone              | /audit/door/c104          | AUDIT=zone:"west"   | puts c104 in east
            passed as a string                     | /audit/door/c104          | AUDIT=passed:"yes"  | 'passed' must be true or false
            a finding without a time               | /audit/door/c104          | AUDIT=at:null       | missing field 'at'
            a time that is not one                 | /audit/door/c104          | AUDIT=at:"yesterday" | ISO-8601
            a detail as a number                   | /audit/door/c104          | AUDIT=detail:7      | 'detail' must be a string
            duplicate keys in a finding            | /audit/door/c104          | {"door":"c104","door":"c104","passed":true,"at":"2026-12-05T07:00:00Z"} | not a JSON object
            """)
    void a_bad_fleet_message_is_refused_with_the_reason(String what, String topic, String payload, String reason) {
        String body = payload;
        if (payload.startsWith("INFO=")) {
            body = info(payload.substring(5), SHA, true);
        } else if (payload.startsWith("UPLINK=") || payload.startsWith("AUDIT=")) {
            String kv = payload.substring(payload.indexOf('=') + 1);
            String field = kv.isEmpty() ? null : kv.substring(0, kv.indexOf(':'));
            String value = kv.isEmpty() ? null : kv.substring(kv.indexOf(':') + 1);
            body = payload.startsWith("UPLINK=") ? uplink(field, value) : audit(field, value);
        }
        ConsoleDecoder.Update u = decode(topic, body);
        ConsoleDecoder.Update.Rejected r = assertInstanceOf(ConsoleDecoder.Update.Rejected.class, u, what + ": " + u);
        assertTrue(r.reason().contains(reason), what + ": " + r.reason());
    }

    @Test
    void a_finding_detail_longer_than_256_characters_is_refused() {
        ConsoleDecoder.Update u = decode("/audit/door/c104", audit("detail", "\"" + "x".repeat(257) + "\""));
        assertTrue(u instanceof ConsoleDecoder.Update.Rejected r && r.reason().contains("longer than 256"), u.toString());
    }
}
