package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.PanicButtonSpec;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.shell.LoopInput;

/**
 * Issue 8 #1 over a real broker: a forged retained zone mode of every shape changes no controller's mode, moves no
 * relay, kills nothing — live and after a restart (when the controller reads it from the broker's retained store) —
 * the clearly forged ones raise {@code PEER_FORGED}, and then a panic press still locks every door of the site.
 */
@ExtendWith(BrokerExtension.class)
class ForgedPeerZoneTest {
    static final Duration WAIT = Duration.ofSeconds(15);

    record Forgery(String name, String zoneTopic, byte[] payload, PeerZoneDecoder.Refusal reason) {
        static Forgery of(String name, String zoneTopic, String body, PeerZoneDecoder.Refusal reason) {
            return new Forgery(name, zoneTopic, body.getBytes(StandardCharsets.UTF_8), reason);
        }
    }

    static String body(String zone, String controller, String version) {
        return "{\"zone\":\"" + zone + "\",\"mode\":\"SECURE\",\"drill\":false,\"version\":" + version
                + ",\"controller\":\"" + controller + "\",\"trigger\":{\"kind\":\"operator\",\"id\":\"rivera\"},"
                + "\"reason\":\"forged\"}";
    }

    static List<Forgery> forgeries() {
        return List.of(
                Forgery.of("unknown controller", "z0", body("z0", "ghost", "9"),
                        PeerZoneDecoder.Refusal.UNKNOWN_CONTROLLER),
                Forgery.of("body zone differs from the topic's", "z1", body("z0", "c1", "9"),
                        PeerZoneDecoder.Refusal.ZONE_CONTRADICTS),
                Forgery.of("unknown zone", "zzz-not-a-zone", body("z0", "c1", "9"),
                        PeerZoneDecoder.Refusal.UNKNOWN_ZONE),
                Forgery.of("version Long.MAX_VALUE", "z0", body("z0", "c1", "9223372036854775807"),
                        PeerZoneDecoder.Refusal.VERSION_OUT_OF_BOUNDS),
                Forgery.of("negative version", "z0", body("z0", "c1", "-5"),
                        PeerZoneDecoder.Refusal.VERSION_OUT_OF_BOUNDS),
                Forgery.of("non-numeric version", "z0", body("z0", "c1", "\"9e9\""),
                        PeerZoneDecoder.Refusal.WRONG_TYPE),
                new Forgery("huge payload", "z0", (body("z0", "c1", "9").replace("\"forged\"",
                        "\"" + "x".repeat(64 * 1024) + "\"")).getBytes(StandardCharsets.UTF_8),
                        PeerZoneDecoder.Refusal.TOO_LARGE));
    }

    static Site siteWithPanicButton() {
        Site s = MqttFixture.site(3, 2, 2);
        return new Site(s.name(), s.controllers(), s.zones(), s.doors(), s.operators(), s.plan(), s.firePolicy(),
                List.of(new PanicButtonSpec("panic-office", "c0", "front office", Scope.SITE)), s.detectors(),
                s.fireAlarms());
    }

    static long rejected(MqttFixture.Running c, PeerZoneDecoder.Refusal reason) {
        JsonNode n = c.uplink.health().path("rejected").path("peerZone").path(reason.name());
        return n.asLong(0);
    }

    static void awaitZonesPublished(TestClient console, int from, String controller, Topics t) {
        for (String z : List.of("z0", "z1")) {
            console.awaitMessage(from, m -> m.topic().equals(t.zoneMode(z))
                    && m.payload().contains("\"controller\":\"" + controller + "\""), WAIT,
                    controller + " published zone " + z);
        }
    }

    @Test
    @DisplayName("a forged retained zone mode of every shape changes nothing, also after a restart; then a panic press locks every door")
    void forgedZoneModesChangeNothing(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(siteWithPanicButton(), broker.url());
                TestClient console = new TestClient(broker.url(), "console");
                // The forger is not subscribed to what it forges: Moquette 0.17 loses the PUBACK of a large message
                // whose publisher is also a subscriber (IllegalReferenceCountException in its session loop).
                TestClient forger = new TestClient(broker.url(), "forger")) {
            Topics t = f.topics();
            console.subscribe(t.alert());
            console.subscribe(t.zoneMode("+"));
            List<MqttFixture.Running> cs = new java.util.ArrayList<>(f.startAll());
            TestClient.await(() -> cs.stream().allMatch(c -> c.uplink.ready()), WAIT, "all connected");
            // A controller publishes its zone modes (retained) when it starts: forge only after that, or its start
            // would overwrite the forgery in the broker's retained store before the restart below reads it.
            for (MqttFixture.Running c : cs) {
                awaitZonesPublished(console, 0, c.id, t);
            }
            for (Forgery forgery : forgeries()) {
                long[] before = cs.stream().mapToLong(c -> rejected(c, forgery.reason())).toArray();
                forger.publish(t.zoneMode(forgery.zoneTopic()), forgery.payload(), true);
                for (int i = 0; i < cs.size(); i++) {
                    MqttFixture.Running c = cs.get(i);
                    long was = before[i];
                    TestClient.await(() -> rejected(c, forgery.reason()) > was, WAIT,
                            c.id + " counts the forgery (" + forgery.name() + ") as " + forgery.reason());
                }
                // After a restart the controller reads the forgery from the broker's retained store.
                int mark = console.size();
                MqttFixture.Running restarted = f.restart(cs.get(2));
                cs.set(2, restarted);
                TestClient.await(() -> rejected(restarted, forgery.reason()) >= 1, WAIT,
                        "after a restart, c2 refuses the retained forgery (" + forgery.name() + ")");
                awaitZonesPublished(console, mark, "c2", t);
                for (MqttFixture.Running c : cs) {
                    c.loop.state().zones().forEach((z, m) -> assertEquals(Mode.NORMAL, m.mode(),
                            forgery.name() + " changed zone " + z + " on " + c.id));
                    assertTrue(c.relays.values().stream().noneMatch(x -> x), forgery.name() + " moved a relay on "
                            + c.id + ": " + c.relays);
                }
            }
            assertTrue(cs.get(0).uplink.health().path("forgedPeerMessages").asLong() >= 4,
                    cs.get(0).uplink.health().toString());
            console.awaitMessage(0, m -> m.topic().equals(t.alert()) && m.payload().contains("\"PEER_FORGED\"")
                    && m.payload().contains("\"controller\":\"c0\""), WAIT, "c0 raises PEER_FORGED");

            cs.get(0).loop.offer(new LoopInput.External(new Event.PanicPressed("panic-office")));
            for (MqttFixture.Running c : cs) {
                TestClient.await(() -> c.relays.size() == 2 && c.relays.values().stream().allMatch(x -> x), WAIT,
                        "the panic press locks every door of " + c.id);
                c.loop.state().zones().forEach((z, m) -> assertEquals(Mode.LOCKDOWN, m.mode(), c.id + " " + z));
            }
            for (Forgery forgery : forgeries()) {
                forger.publish(t.zoneMode(forgery.zoneTopic()), new byte[0], true); // clear them
            }
        }
    }
}
