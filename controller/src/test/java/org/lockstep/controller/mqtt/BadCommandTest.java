package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lockstep.controller.core.ControllerState;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.ZoneMode;

/**
 * Bad commands over a real broker. The controller is first put in LOCKDOWN; then every bad command is an attempt to
 * end it (or change it) with one defect. Each must be answered with a rejection naming the defect, and leave the
 * zones, the relays and the doors exactly as they were.
 */
@ExtendWith(BrokerExtension.class)
class BadCommandTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    record Bad(String name, String topicSuffix, byte[] payload, boolean retained, String resultId,
            String reasonContains) {
        static Bad of(String name, String payload, String resultId, String reasonContains) {
            return new Bad(name, "cmd/site", payload.getBytes(StandardCharsets.UTF_8), false, resultId,
                    reasonContains);
        }
    }

    static List<Bad> cases() {
        List<Bad> b = new ArrayList<>();
        String ni = Topics.NO_ID;
        b.add(Bad.of("bad JSON", "{\"id\":\"b1\",\"action\":\"ALL_CLEAR\"", ni, "not valid JSON"));
        b.add(Bad.of("not an object", "[\"ALL_CLEAR\"]", ni, "JSON object"));
        b.add(Bad.of("empty payload", "", ni, "empty command"));
        b.add(Bad.of("missing id", "{\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\"}", ni, "missing field 'id'"));
        b.add(Bad.of("id of the wrong type", "{\"id\":42,\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\"}", ni,
                "'id' must be a string"));
        b.add(Bad.of("id that cannot be a topic level", "{\"id\":\"a/b#\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\"}",
                ni, "field 'id' must be"));
        b.add(Bad.of("missing action", "{\"id\":\"b7\",\"operator\":\"rivera\"}", "b7", "missing field 'action'"));
        b.add(Bad.of("unknown action", "{\"id\":\"b8\",\"action\":\"UNLOCK_ALL\",\"operator\":\"rivera\"}", "b8",
                "unknown action 'UNLOCK_ALL'"));
        b.add(Bad.of("action of the wrong type", "{\"id\":\"b9\",\"action\":3,\"operator\":\"rivera\"}", "b9",
                "'action' must be a string"));
        b.add(Bad.of("drill of the wrong type",
                "{\"id\":\"b10\",\"action\":\"ALL_CLEAR\",\"drill\":\"no\",\"operator\":\"rivera\"}", "b10",
                "'drill' must be true or false"));
        b.add(Bad.of("missing operator", "{\"id\":\"b11\",\"action\":\"ALL_CLEAR\"}", "b11", "missing field 'operator'"));
        b.add(Bad.of("unknown operator (signed by a key the site does not list)",
                signed("{\"id\":\"b12\",\"action\":\"ALL_CLEAR\",\"operator\":\"mallory\"}"), "b12", "unknown key"));
        b.add(Bad.of("operator not allowed to give the all clear",
                signed("{\"id\":\"b13\",\"action\":\"ALL_CLEAR\",\"operator\":\"janitor\"}"), "b13", "may not"));
        b.add(Bad.of("unknown field (a misspelt drill)",
                "{\"id\":\"b14\",\"action\":\"ALL_CLEAR\",\"dril\":true,\"operator\":\"rivera\"}", "b14",
                "unknown field 'dril'"));
        b.add(Bad.of("duplicate field", "{\"id\":\"b15\",\"action\":\"LOCKDOWN\",\"action\":\"ALL_CLEAR\","
                + "\"operator\":\"rivera\"}", ni, "Duplicate field"));
        b.add(Bad.of("signature that is not a signature",
                "{\"id\":\"b16\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\",\"signature\":\"abc\"}", "b16",
                "signature"));
        b.add(Bad.of("zone on the site topic",
                "{\"id\":\"b17\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\",\"zone\":\"z0\"}", "b17",
                "not allowed on the site topic"));
        b.add(new Bad("unknown zone", "cmd/zone/gym", utf8(MqttFixture.command("lockstep/test/cmd/zone/gym", "b18", "ALL_CLEAR", "rivera")), false,
                "b18", "unknown zone 'gym'"));
        b.add(new Bad("zone field contradicting the zone topic", "cmd/zone/z0",
                utf8("{\"id\":\"b19\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\",\"zone\":\"z1\"}"), false,
                "b19", "contradicts"));
        b.add(Bad.of("ALL CLEAR sent as a drill",
                signed("{\"id\":\"b20\",\"action\":\"ALL_CLEAR\",\"drill\":true,\"operator\":\"rivera\"}"), "b20",
                "not a drill"));
        b.add(Bad.of("reason too long", "{\"id\":\"b21\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\",\"reason\":\""
                + "x".repeat(MqttLimits.MAX_REASON_CHARS + 1) + "\"}", "b21", "longer than"));
        b.add(Bad.of("trailing garbage", MqttFixture.command("lockstep/test/cmd/site", "b22", "ALL_CLEAR", "rivera") + " {}", ni,
                "not valid JSON"));
        b.add(Bad.of("1 MB payload", "{\"id\":\"b23\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\",\"reason\":\""
                + "x".repeat(1024 * 1024) + "\"}", ni, "too large"));
        b.add(Bad.of("drill null (issue 8 #6: ran a real lockdown)",
                "{\"id\":\"b25\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\",\"drill\":null}", "b25",
                "'drill' must be true or false, not null"));
        b.add(Bad.of("drill the string \"true\"",
                "{\"id\":\"b26\",\"action\":\"SECURE\",\"operator\":\"rivera\",\"drill\":\"true\"}", "b26",
                "'drill' must be true or false"));
        b.add(Bad.of("drill the number 1",
                "{\"id\":\"b27\",\"action\":\"SECURE\",\"operator\":\"rivera\",\"drill\":1}", "b27",
                "'drill' must be true or false"));
        b.add(Bad.of("reason null", "{\"id\":\"b28\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\","
                + "\"reason\":null}", "b28", "'reason' must be a string, not null"));
        b.add(new Bad("zone null on a zone topic", "cmd/zone/z0",
                utf8("{\"id\":\"b29\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\",\"zone\":null}"), false,
                "b29", "'zone' must be a string, not null"));
        b.add(Bad.of("operator null", "{\"id\":\"b30\",\"action\":\"ALL_CLEAR\",\"operator\":null}", "b30",
                "'operator' must be an operator id"));
        b.add(Bad.of("action null", "{\"id\":\"b31\",\"action\":null,\"operator\":\"rivera\"}", "b31",
                "'action' must be a string"));
        b.add(Bad.of("id null", "{\"id\":null,\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\"}", ni,
                "'id' must be a string, not null"));
        b.add(Bad.of("duplicate id reused for a different command",
                MqttFixture.command("lockstep/test/cmd/site", "setup-1", "ALL_CLEAR", "rivera"), "setup-1", "already used"));
        b.addAll(TrustCases.cases());
        return b;
    }

    /** {@code json} with {@code issuedAt} now, signed for the site topic by its operator's fixture key. */
    static String signed(String json) {
        return TrustCases.sign("lockstep/test/cmd/site", json, System.currentTimeMillis());
    }

    @Test
    @DisplayName("40 kinds of bad command are each rejected with a reason, and nothing changes")
    void everyBadCommandIsRejectedAndChangesNothing(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(1, 4, 2), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            MqttFixture.Running c0 = f.start("c0");
            Topics t = f.topics();
            console.subscribe(t.prefix() + "/cmd/result/#");
            TestClient.await(c0.uplink::ready, WAIT, "connected");
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "setup-1", "LOCKDOWN", "rivera"));
            console.awaitMessage(0, m -> m.topic().equals(t.cmdResult("setup-1", "c0")), WAIT, "setup accepted");
            TestClient.await(() -> c0.relays.size() == 4 && c0.relays.values().stream().allMatch(x -> x), WAIT,
                    "locked");
            Map<String, ZoneMode> zonesBefore = c0.loop.state().zones();
            Map<String, Boolean> relaysBefore = Map.copyOf(c0.relays);

            List<Bad> cases = cases();
            for (Bad bad : cases) {
                int mark = console.size();
                console.publish(t.prefix() + "/" + bad.topicSuffix(), bad.payload(), bad.retained());
                TestClient.Msg r = console.awaitMessage(mark,
                        m -> m.topic().equals(t.cmdResult(bad.resultId(), "c0")), WAIT, "the answer to: " + bad.name());
                JsonNode j = r.json();
                assertFalse(j.get("accepted").asBoolean(), bad.name() + ": " + r.payload());
                assertTrue(j.get("reason").asText().contains(bad.reasonContains()),
                        bad.name() + ": reason should mention '" + bad.reasonContains() + "': " + r.payload());
                ControllerState s = c0.loop.state();
                assertEquals(zonesBefore, s.zones(), bad.name() + " changed a zone");
                assertEquals(relaysBefore, Map.copyOf(c0.relays), bad.name() + " moved a relay");
            }
            assertEquals(40, cases.size());
            // Counted by reason on the health record (never a log line each).
            JsonNode byReason = c0.uplink.health().path("rejected").path("command");
            assertTrue(byReason.path("WRONG_TYPE").asLong() >= 9, byReason.toString());
            assertTrue(byReason.path("UNKNOWN_FIELD").asLong() >= 1, byReason.toString());
            s(c0).forEach((z, m) -> assertEquals(Mode.LOCKDOWN, m.mode(), z));
        }
    }

    /**
     * MQTT 3.1.1 (all Paho mqttv3 speaks) clears the retain flag when it forwards a message to subscribers already
     * connected, so a retained command cannot be told apart live. The danger it poses is the replay: a command left on
     * the broker would be re-run by every controller that connects later. That is what is refused here.
     */
    @Test
    @DisplayName("a retained command left on the broker is refused by a controller that connects later, and changes nothing")
    void aRetainedCommandIsNeverActedOn(TestBroker broker) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(broker.flagsRetainedOnSubscribe(), broker.name()
                + " does not set the retain flag on messages from its retained store (Moquette 0.17): the check is"
                + " run against Mosquitto (-Dlockstep.mqtt.broker=mosquitto)");
        try (MqttFixture f = new MqttFixture(MqttFixture.site(1, 3, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            Topics t = f.topics();
            console.subscribe(t.prefix() + "/cmd/result/#");
            console.publish(t.cmdSite(), utf8(MqttFixture.command(t.cmdSite(), "left-behind", "LOCKDOWN", "rivera")), true);
            console.publish(t.cmdZone("z0"), utf8(MqttFixture.command(t.cmdZone("z0"), "left-too", "LOCKDOWN", "rivera")), true);
            MqttFixture.Running c0 = f.start("c0");
            for (String id : List.of("left-behind", "left-too")) {
                TestClient.Msg r = console.awaitMessage(0, m -> m.topic().equals(t.cmdResult(id, "c0")), WAIT,
                        "the answer to the retained " + id);
                assertFalse(r.json().get("accepted").asBoolean(), r.payload());
                assertTrue(r.json().get("reason").asText().contains("retained command ignored"), r.payload());
            }
            assertEquals(Mode.NORMAL, c0.loop.state().zone("z0").mode());
            assertTrue(c0.relays.values().stream().noneMatch(x -> x), "no relay locked: " + c0.relays);
            console.publish(t.cmdSite(), new byte[0], true); // clear them
            console.publish(t.cmdZone("z0"), new byte[0], true);
        }
    }

    @Test
    @DisplayName("an exact repeat of a command is answered as before and changes nothing")
    void anExactRepeatIsIdempotent(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(1, 2, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            MqttFixture.Running c0 = f.start("c0");
            Topics t = f.topics();
            console.subscribe(t.prefix() + "/cmd/result/#");
            TestClient.await(c0.uplink::ready, WAIT, "connected");
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "once", "LOCKDOWN", "rivera"));
            TestClient.Msg first = console.awaitMessage(0, m -> m.topic().equals(t.cmdResult("once", "c0")), WAIT,
                    "first answer");
            long sinceMs = c0.loop.state().zone("z0").sinceMs();
            int mark = console.size();
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "once", "LOCKDOWN", "rivera"));
            TestClient.Msg again = console.awaitMessage(mark, m -> m.topic().equals(t.cmdResult("once", "c0")), WAIT,
                    "second answer");
            assertEquals(first.json().get("reason"), again.json().get("reason"));
            assertEquals(sinceMs, c0.loop.state().zone("z0").sinceMs(), "the repeat changed nothing");
        }
    }

    @Test
    @DisplayName("a command id reused for a different command after a restart is refused with the reason, never answered with the old result")
    void aReusedIdAfterARestartIsRefused(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(1, 2, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            MqttFixture.Running c0 = f.start("c0");
            Topics t = f.topics();
            console.subscribe(t.prefix() + "/cmd/result/#");
            TestClient.await(c0.uplink::ready, WAIT, "connected");
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "console-1", "LOCKDOWN", "rivera"));
            TestClient.Msg first = console.awaitMessage(0, m -> m.topic().equals(t.cmdResult("console-1", "c0")),
                    WAIT, "the lockdown's answer");
            assertTrue(first.json().get("accepted").asBoolean(), first.payload());

            MqttFixture.Running again = f.restart(c0); // the console's ids restart at console-1 too
            TestClient.await(again.uplink::ready, WAIT, "reconnected after the restart");
            assertEquals(Mode.LOCKDOWN, again.loop.state().zone("z0").mode(), "replayed");
            int mark = console.size();
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "console-1", "ALL_CLEAR", "rivera"));
            TestClient.Msg r = console.awaitMessage(mark, m -> m.topic().equals(t.cmdResult("console-1", "c0")), WAIT,
                    "the answer to the reused id");
            assertFalse(r.json().get("accepted").asBoolean(), r.payload());
            assertTrue(r.json().get("reason").asText().contains("already used for a different command"), r.payload());
            assertEquals(Mode.LOCKDOWN, again.loop.state().zone("z0").mode(), "nothing done");
            assertTrue(again.relays.values().stream().allMatch(x -> x), "still locked: " + again.relays);
        }
    }

    @Test
    @DisplayName("a LOCKDOWN in an operator's name without their key (unsigned, or signed with another key) starts nothing")
    void aLockdownWithoutTheOperatorsKeyStartsNothing(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(1, 2, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console");
                TestClient laptop = new TestClient(broker.url(), "laptop")) {
            MqttFixture.Running c0 = f.start("c0");
            Topics t = f.topics();
            console.subscribe(t.prefix() + "/cmd/result/#");
            TestClient.await(c0.uplink::ready, WAIT, "connected");
            laptop.publish(t.cmdSite(), MqttFixture.unsigned("fake-1", "LOCKDOWN", "rivera"));
            TestClient.Msg r1 = console.awaitMessage(0, m -> m.topic().equals(t.cmdResult("fake-1", "c0")), WAIT,
                    "the answer to the unsigned LOCKDOWN");
            com.fasterxml.jackson.databind.node.ObjectNode other = (com.fasterxml.jackson.databind.node.ObjectNode)
                    CommandDecoder.STRICT.readTree(MqttFixture.unsigned("fake-2", "LOCKDOWN", "rivera"));
            other.put("issuedAt", System.currentTimeMillis());
            laptop.publish(t.cmdSite(), new org.lockstep.controller.trust.MessageSigner("rivera",
                    org.lockstep.controller.trust.TrustFixture.key("mallory")).sign(t.cmdSite(), other).toString());
            TestClient.Msg r2 = console.awaitMessage(0, m -> m.topic().equals(t.cmdResult("fake-2", "c0")), WAIT,
                    "the answer to the LOCKDOWN signed with another key");
            assertFalse(r1.json().get("accepted").asBoolean(), r1.payload());
            assertTrue(r1.json().get("reason").asText().contains("unsigned"), r1.payload());
            assertFalse(r2.json().get("accepted").asBoolean(), r2.payload());
            assertTrue(r2.json().get("reason").asText().contains("signature"), r2.payload());
            s(c0).forEach((z, m) -> assertEquals(Mode.NORMAL, m.mode(), "zone " + z));
            assertTrue(c0.relays.values().stream().noneMatch(x -> x), "a relay moved: " + c0.relays);
        }
    }

    @Test
    @DisplayName("a recorded, validly signed ALL CLEAR replayed in the next lockdown ends nothing, also after a restart")
    void aRecordedAllClearReplayedLaterEndsNothing(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(1, 2, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console");
                TestClient attacker = new TestClient(broker.url(), "attacker")) {
            MqttFixture.Running c0 = f.start("c0");
            Topics t = f.topics();
            console.subscribe(t.prefix() + "/cmd/result/#");
            TestClient.await(c0.uplink::ready, WAIT, "connected");
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "first", "LOCKDOWN", "rivera"));
            console.awaitMessage(0, m -> m.topic().equals(t.cmdResult("first", "c0")), WAIT, "the first lockdown");
            // The attacker records the principal's real ALL CLEAR off the broker (it is not secret) ...
            String recorded = MqttFixture.command(t.cmdSite(), "the-all-clear", "ALL_CLEAR", "rivera");
            console.publish(t.cmdSite(), recorded);
            console.awaitMessage(0, m -> m.topic().equals(t.cmdResult("the-all-clear", "c0")), WAIT, "the all clear");
            TestClient.await(() -> c0.loop.state().zone("z0").mode() == Mode.NORMAL, WAIT, "NORMAL after the all clear");
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "second", "LOCKDOWN", "rivera"));
            TestClient.await(() -> c0.loop.state().zone("z0").mode() == Mode.LOCKDOWN, WAIT, "the second lockdown");

            // ... and replays it, well inside its time window: once live, once after a restart (the id memory is
            // journaled, so a restarted controller still knows it).
            int mark = console.size();
            attacker.publish(t.cmdSite(), recorded);
            console.awaitMessage(mark, m -> m.topic().equals(t.cmdResult("the-all-clear", "c0")), WAIT,
                    "the answer to the replay");
            assertEquals(Mode.LOCKDOWN, c0.loop.state().zone("z0").mode(), "the replay ended the lockdown");
            MqttFixture.Running again = f.restart(c0);
            TestClient.await(again.uplink::ready, WAIT, "reconnected after the restart");
            assertEquals(Mode.LOCKDOWN, again.loop.state().zone("z0").mode(), "replayed from the journal");
            mark = console.size();
            attacker.publish(t.cmdSite(), recorded);
            console.awaitMessage(mark, m -> m.topic().equals(t.cmdResult("the-all-clear", "c0")), WAIT,
                    "the answer to the replay after the restart");
            assertEquals(Mode.LOCKDOWN, again.loop.state().zone("z0").mode(),
                    "the replay after a restart ended the lockdown");
            assertTrue(again.relays.values().stream().allMatch(x -> x), "still locked: " + again.relays);
        }
    }

    private static Map<String, ZoneMode> s(MqttFixture.Running c) {
        return c.loop.state().zones();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
