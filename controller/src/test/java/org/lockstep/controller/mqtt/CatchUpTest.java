package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lockstep.controller.core.Mode;

/**
 * A controller that was off when a command was given catches up from its peers' retained zone modes — escalation
 * only, and never from a stale peer (commands are not retained, so this is the only way it can learn of them).
 */
@ExtendWith(BrokerExtension.class)
class CatchUpTest {
    static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    @DisplayName("a controller that was off during the LOCKDOWN locks its doors when it comes back")
    void aControllerThatMissedTheLockdownCatchesUp(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(2, 3, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            Topics t = f.topics();
            MqttFixture.Running c0 = f.start("c0");
            TestClient.await(() -> c0.uplink.ready(), WAIT, "c0 subscribed");
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "ld-1", "LOCKDOWN", "rivera"));
            TestClient.await(() -> c0.zones.get("z0") != null && c0.zones.get("z0").mode() == Mode.LOCKDOWN, WAIT,
                    "c0 in LOCKDOWN");

            // c1 was off during the command: it starts now, in NORMAL, and must catch up.
            MqttFixture.Running c1 = f.start("c1");
            TestClient.await(() -> c1.zones.get("z0") != null && c1.zones.get("z0").mode() == Mode.LOCKDOWN, WAIT,
                    "c1 caught up from c0's retained zone mode");
            TestClient.await(() -> c1.relays.size() == 3 && c1.relays.values().stream().allMatch(x -> x), WAIT,
                    "c1's relays locked");
            assertEquals("rivera", c1.zones.get("z0").trigger().orElseThrow().id(), "the original trigger is kept");
            assertEquals(c0.zones.get("z0").version(), c1.zones.get("z0").version());
        }
    }

    @Test
    @DisplayName("a peer's stale LOCKDOWN (lower version) does not re-lock a zone after the ALL CLEAR; a newer one does")
    void aStalePeerDoesNotReLockTheZone(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(MqttFixture.site(2, 3, 1), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            Topics t = f.topics();
            MqttFixture.Running c0 = f.start("c0");
            console.subscribe(t.cmdResult("+", "c0"));
            TestClient.await(() -> c0.uplink.ready(), WAIT, "c0 subscribed");
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "ld-1", "LOCKDOWN", "rivera"));
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "ac-1", "ALL_CLEAR", "rivera"));
            TestClient.await(() -> c0.zones.get("z0") != null && c0.zones.get("z0").version() == 2, WAIT,
                    "c0 through LOCKDOWN and back to NORMAL (version 2)");

            // c1 missed the all clear: it republishes its LOCKDOWN, version 1. Then a probe c0 must answer.
            console.publish(t.zoneMode("z0"), peerZone(t, "LOCKDOWN", 1));
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "probe-1", "SECURE", "janitor"));
            TestClient.await(() -> console.latest.containsKey(t.cmdResult("probe-1", "c0")), WAIT, "c0's answer");
            assertEquals(Mode.NORMAL, c0.zones.get("z0").mode(), "the stale peer did not re-lock the zone");
            assertTrue(c0.relays.values().stream().noneMatch(x -> x), "c0's doors stay unlocked");

            // Control: a newer peer lockdown (version 3) is adopted, so the check above can fail.
            console.publish(t.zoneMode("z0"), peerZone(t, "LOCKDOWN", 3));
            TestClient.await(() -> c0.zones.get("z0").mode() == Mode.LOCKDOWN, WAIT, "c0 adopts the newer lockdown");
        }
    }

    /** c1's zone mode as c1 publishes it: signed with its key for z0's topic (peers act on nothing unsigned). */
    private static String peerZone(Topics t, String mode, long version) throws Exception {
        return MqttFixture.signer("c1").sign(t.zoneMode("z0"), (com.fasterxml.jackson.databind.node.ObjectNode)
                CommandDecoder.STRICT.readTree(peerZoneBody(mode, version))).toString();
    }

    private static String peerZoneBody(String mode, long version) {
        return "{\"zone\":\"z0\",\"mode\":\"" + mode + "\",\"drill\":false,\"since\":\"2026-11-23T10:00:00Z\","
                + "\"sinceMs\":5,\"trigger\":{\"kind\":\"operator\",\"id\":\"rivera\"},\"reason\":\"test\","
                + "\"version\":" + version + ",\"controller\":\"c1\"}";
    }
}
