package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.core.DoorRole;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.hal.MonotonicClock;

/**
 * What a controller publishes as free text (a door's or an alert's detail, a command result's reason) stays within
 * {@link MqttLimits#MAX_PUBLISHED_TEXT_CHARS}: consoles bound what they read (ours refuses a longer field), and a
 * refused PEER_FORGED alert is a forgery nobody sees.
 */
class PublishedTextBoundTest {
    private static final int MAX = MqttLimits.MAX_PUBLISHED_TEXT_CHARS;
    private final Payloads payloads = new Payloads("east-lower", WallClock.fixed(0));

    @Test
    void aLongDetailOrReasonIsCutWithAnEllipsisAndAShortOneIsKeptWhole() {
        String longText = "bolt did not throw; ".repeat(60);
        String detail = payloads.alert("a1", "FAILED_TO_SECURE", "c104", "Room 104", "east", longText, false, 5)
                .get("detail").asText();
        assertEquals(MAX, detail.length(), detail);
        assertTrue(detail.endsWith("…") && longText.startsWith(detail.substring(0, MAX - 1)), detail);

        DoorView door = new DoorView("c104", "Room 104", "east", DoorRole.CLASSROOM, DoorStatus.FAULT, false, true, 5,
                1, longText, false);
        assertEquals(MAX, payloads.door(door).get("detail").asText().length());
        assertEquals(MAX, payloads.result("cmd-1", false, longText, 5).get("reason").asText().length());

        String exactly = "x".repeat(MAX);
        assertEquals(exactly, payloads.alert("a2", "K", "", "", "", exactly, false, 5).get("detail").asText());
    }

    @Test
    void theCutNeverLeavesHalfASurrogatePair() {
        String text = "x".repeat(MAX - 2) + "\uD83D\uDEAA".repeat(10); // a door emoji straddles the cut
        String cut = Payloads.bounded(text);
        assertTrue(cut.length() <= MAX, cut);
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)), "half a pair before the ellipsis");
    }

    /** The uplink's own PEER_FORGED alert, from the longest reason a refusal can carry: short enough, and says why. */
    @Test
    void aPeerForgedAlertFitsAndNamesTheLastRefusal() {
        long[] nowMs = {0};
        MonotonicClock clock = () -> nowMs[0];
        HeldTransport transport = new HeldTransport();
        MqttSettings settings = MqttSettings.embedded("lincoln-high", 1883);
        UplinkPublisher publisher = new UplinkPublisher("east-lower", transport, clock,
                new OutboundQueue(settings.alertQueue(), settings.eventQueue(), MqttLimits.MAX_IN_FLIGHT), List::of);
        UplinkHealth health = new UplinkHealth("east-lower", settings, clock, publisher, new Payloads("east-lower",
                WallClock.of(clock, Clock.fixed(Instant.parse("2026-12-06T06:00:00Z"), ZoneOffset.UTC))), () -> "a1");
        publisher.hooks(health::afterConnect, health::periodic);
        transport.connected = true;
        publisher.onConnected();

        String reason = "zone mode from 'west-upper' not signed by west-upper's key " + "(…)".repeat(400);
        health.rejected(UplinkHealth.Channel.PEER_ZONE, "BAD_SIGNATURE",
                reason.substring(0, MqttLimits.MAX_PEER_REASON_CHARS), true);
        publisher.step();
        publisher.step();

        JsonNode alert = transport.sent.stream().filter(s -> s.topic().equals(Topics.of(settings).alert()))
                .map(s -> json(s.payload())).filter(a -> a.get("kind").asText().equals("PEER_FORGED"))
                .findFirst().orElseThrow(() -> new AssertionError("no PEER_FORGED alert in " + transport.sent));
        String detail = alert.get("detail").asText();
        assertTrue(detail.length() <= MAX, detail.length() + ": " + detail);
        assertTrue(detail.startsWith("1 forged peer message(s) refused") && detail.contains("last: zone mode from "
                + "'west-upper' not signed"), detail);
    }

    private static JsonNode json(String payload) {
        try {
            return Payloads.JSON.readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(payload, e);
        }
    }
}
