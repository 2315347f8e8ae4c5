package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.PanicButtonSpec;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.shell.LoopInput;
import org.lockstep.controller.trust.PeerVerifier;
import org.lockstep.controller.trust.Refusal;
import org.lockstep.controller.trust.Verdict;

/**
 * Issue 8 #3 over a real broker, "from a laptop on the same broker without a key": well-formed peer messages that are
 * not signed by the controller they name — a retained zone mode with a high version unsigned, signed by an operator's
 * key, signed by another controller's key; a panic share unsigned, signed by an operator, signed by another
 * controller — change no controller's
 * mode and move no relay, live and after a restart, and raise {@code PEER_FORGED}; the genuine controllers' signed
 * messages still lock the whole site from one panic press.
 */
@ExtendWith(BrokerExtension.class)
class SignedPeerMessagesTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    /** Far above anything a controller reached, inside the decoder's bounds: a forgery that would win if trusted. */
    static final long HIGH_VERSION = 1_000_000;

    /** Three controllers, three zones spanning all of them, a site-wide panic button on c0. */
    static Site site() {
        Site s = MqttFixture.site(3, 3, 3);
        return new Site(s.name(), s.controllers(), s.zones(), s.doors(), s.operators(), s.plan(), s.firePolicy(),
                List.of(new PanicButtonSpec("panic-office", "c0", "front office", Scope.SITE)), s.detectors(),
                s.fireAlarms());
    }

    /** A zone mode exactly as a controller writes it (Payloads.zone), claiming controller {@code claimed}. */
    static ObjectNode zoneMode(String zone, String claimed) {
        return CommandDecoder.STRICT.createObjectNode().put("zone", zone).put("mode", "SECURE").put("drill", false)
                .put("since", "2026-12-05T05:00:00Z").put("sinceMs", 5).putNull("trigger")
                .put("reason", "forged").put("version", HIGH_VERSION).put("controller", claimed);
    }

    /** A panic share exactly as a controller writes it (Payloads.share), claiming controller {@code claimed}. */
    static ObjectNode panicShare(String id, String claimed) {
        ObjectNode n = CommandDecoder.STRICT.createObjectNode().put("id", id).put("mode", "LOCKDOWN").putNull("zone")
                .put("drill", false);
        n.putObject("source").put("kind", "panic_button").put("id", "panic-office");
        return n.put("reason", "panic button panic-office").put("from", claimed).put("at", "2026-12-05T05:00:00Z");
    }

    static long rejected(MqttFixture.Running c, String channel, Refusal reason) {
        return c.uplink.health().path("rejected").path(channel).path(reason.name()).asLong(0);
    }

    static void assertNothingMoved(List<MqttFixture.Running> cs, String when) {
        for (MqttFixture.Running c : cs) {
            c.loop.state().zones().forEach((z, m) -> assertEquals(Mode.NORMAL, m.mode(),
                    when + ": zone " + z + " on " + c.id + " changed: " + m));
            assertTrue(c.relays.values().stream().noneMatch(x -> x), when + ": a relay moved on " + c.id + ": "
                    + c.relays);
        }
    }

    @Test
    @DisplayName("zone modes and panic shares not signed by the controller they name change nothing, also after a "
            + "restart, and raise PEER_FORGED; a genuine panic press on c0 still locks c1's doors")
    void onlySignedPeerMessagesAreActedOn(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(site(), broker.url());
                TestClient console = new TestClient(broker.url(), "console");
                // Not subscribed to what it forges (Moquette 0.17 loses PUBACKs for a publisher that subscribes).
                TestClient laptop = new TestClient(broker.url(), "laptop")) {
            Topics t = f.topics();
            console.subscribe(t.alert(), t.zoneMode("+"), t.bus());
            List<MqttFixture.Running> cs = new ArrayList<>(f.startAll());
            TestClient.await(() -> cs.stream().allMatch(c -> c.uplink.ready()), WAIT, "all connected");
            // Forge only once every controller published its own zone modes (its start would overwrite a forgery).
            for (MqttFixture.Running c : cs) {
                for (String z : List.of("z0", "z1", "z2")) {
                    console.awaitMessage(0, m -> m.topic().equals(t.zoneMode(z))
                            && m.payload().contains("\"controller\":\"" + c.id + "\""), WAIT, c.id + " published " + z);
                }
            }
            MqttFixture.Running c0 = cs.get(0);
            MqttFixture.Running c2 = cs.get(2);

            // The zone modes name c1 (c1 ignores its "own" messages; c0 and c2 must refuse them); the shares name c0,
            // whose panic button it is (so they are what c0 would share; c1 and c2 must refuse them).
            laptop.publish(t.zoneMode("z0"), Payloads.bytes(zoneMode("z0", "c1")), true);
            laptop.publish(t.zoneMode("z1"), Payloads.bytes(MqttFixture.signer("rivera")
                    .sign(t.zoneMode("z1"), zoneMode("z1", "c1"))), true);
            laptop.publish(t.zoneMode("z2"), Payloads.bytes(MqttFixture.signer("c2")
                    .sign(t.zoneMode("z2"), zoneMode("z2", "c1"))), true);
            laptop.publish(t.bus(), Payloads.bytes(panicShare("panic-forged-1", "c0")), false);
            laptop.publish(t.bus(), Payloads.bytes(MqttFixture.signer("rivera")
                    .sign(t.bus(), panicShare("panic-forged-2", "c0"))), false);
            laptop.publish(t.bus(), Payloads.bytes(MqttFixture.signer("c1")
                    .sign(t.bus(), panicShare("panic-forged-3", "c0"))), false);
            for (MqttFixture.Running c : List.of(c0, c2)) {
                TestClient.await(() -> rejected(c, "peerZone", Refusal.UNSIGNED) >= 1
                        && rejected(c, "peerZone", Refusal.BAD_SIGNATURE) >= 2, WAIT,
                        c.id + " refuses the 3 zone modes: " + c.uplink.health());
            }
            for (MqttFixture.Running c : List.of(cs.get(1), c2)) {
                TestClient.await(() -> rejected(c, "share", Refusal.UNSIGNED) >= 1
                        && rejected(c, "share", Refusal.BAD_SIGNATURE) >= 2, WAIT,
                        c.id + " refuses the 3 shares: " + c.uplink.health());
            }
            assertNothingMoved(cs, "live");
            console.awaitMessage(0, m -> m.topic().equals(t.alert()) && m.payload().contains("\"PEER_FORGED\"")
                    && m.payload().contains("\"controller\":\"c0\""), WAIT, "c0 raises PEER_FORGED");

            // After a restart c2 reads the retained forgeries from the broker and refuses them again.
            MqttFixture.Running restarted = f.restart(c2);
            cs.set(2, restarted);
            TestClient.await(() -> rejected(restarted, "peerZone", Refusal.UNSIGNED) >= 1
                    && rejected(restarted, "peerZone", Refusal.BAD_SIGNATURE) >= 2, WAIT,
                    "after a restart c2 refuses the retained forgeries: " + restarted.uplink.health());
            assertNothingMoved(cs, "after c2's restart");
            assertTrue(restarted.uplink.health().path("forgedPeerMessages").asLong() >= 3,
                    restarted.uplink.health().toString());

            // The genuine path: c0's panic press reaches c1 as signed zone modes and a signed share.
            int mark = console.size();
            c0.loop.offer(new LoopInput.External(new Event.PanicPressed("panic-office")));
            MqttFixture.Running c1 = cs.get(1);
            TestClient.await(() -> c1.relays.size() == 3 && c1.relays.values().stream().allMatch(x -> x), WAIT,
                    "c0's panic press locks every door of c1: " + c1.relays);
            for (MqttFixture.Running c : cs) {
                TestClient.await(() -> c.relays.size() == 3 && c.relays.values().stream().allMatch(x -> x), WAIT,
                        "the panic press locks every door of " + c.id);
            }
            // What c0 published verifies as c0's, over its topic, by the rule every peer applies.
            PeerVerifier verifier = new PeerVerifier(MqttFixture.keys(f.site));
            TestClient.Msg share = console.awaitMessage(mark, m -> m.topic().equals(t.bus())
                    && m.payload().contains("\"from\":\"c0\""), WAIT, "c0 shares the panic press");
            assertInstanceOf(Verdict.Trusted.class, verifier.verify(share.topic(), (ObjectNode) share.json(), "c0"));
            TestClient.Msg zone = console.awaitMessage(mark, m -> m.topic().equals(t.zoneMode("z0"))
                    && m.payload().contains("\"controller\":\"c0\"") && m.payload().contains("LOCKDOWN"), WAIT,
                    "c0 publishes z0 LOCKDOWN");
            assertInstanceOf(Verdict.Trusted.class, verifier.verify(zone.topic(), (ObjectNode) zone.json(), "c0"));
            for (String z : List.of("z0", "z1", "z2")) {
                laptop.publish(t.zoneMode(z), new byte[0], true); // clear the retained store
            }
        }
    }

    @Test
    @DisplayName("a controller without its own key still locks its own doors; its peers refuse its unsigned zone modes "
            + "and shares and raise PEER_FORGED")
    void aControllerWithoutItsKeyLocksOnlyItsOwnDoors(TestBroker broker) throws Exception {
        try (MqttFixture f = new MqttFixture(site(), broker.url());
                TestClient console = new TestClient(broker.url(), "console")) {
            Topics t = f.topics();
            console.subscribe(t.alert());
            MqttFixture.Running keyless = f.startWithoutKey("c0");
            MqttFixture.Running c1 = f.start("c1");
            TestClient.await(() -> keyless.uplink.ready() && c1.uplink.ready(), WAIT, "both connected");

            keyless.loop.offer(new LoopInput.External(new Event.PanicPressed("panic-office")));
            TestClient.await(() -> keyless.relays.size() == 3 && keyless.relays.values().stream().allMatch(x -> x),
                    WAIT, "c0 locks its own doors without a key");
            TestClient.await(() -> rejected(c1, "share", Refusal.UNSIGNED) >= 1
                    && rejected(c1, "peerZone", Refusal.UNSIGNED) >= 3, WAIT,
                    "c1 refuses c0's unsigned share and zone modes: " + c1.uplink.health());
            console.awaitMessage(0, m -> m.topic().equals(t.alert()) && m.payload().contains("\"PEER_FORGED\"")
                    && m.payload().contains("\"controller\":\"c1\""), WAIT, "c1 raises PEER_FORGED");
            assertNothingMoved(List.of(c1), "c1 after c0's unsigned panic share");
        }
    }
}
