package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.trust.Ed25519PrivateKey;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.KeyRing;
import org.lockstep.controller.trust.MessageSigner;
import org.lockstep.embeddedbroker.EmbeddedBroker;

/**
 * A real console on the real embedded broker, fed retained zone modes the way an attacker on the school's network
 * could publish them: only a mode signed by the controller it names, with a key the site file lists and has not
 * revoked, and not older than one already shown from that controller, becomes the zone's mode on the page and in the
 * site summary; every other one leaves the last verified mode in place and shows the problem.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ZoneSignatureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long DEADLINE_MS = 10_000;
    private final Ed25519PrivateKey eastLower = Ed25519PrivateKey.generate(RANDOM);
    private final Ed25519PrivateKey westLower = Ed25519PrivateKey.generate(RANDOM);
    private final Ed25519PrivateKey okafor = Ed25519PrivateKey.generate(RANDOM);
    private EmbeddedBroker broker;
    private Console console;
    private MqttClient attacker;
    private Topics topics;

    /** The example site with keys we hold: east-lower's and okafor's replaced, west-lower's key revoked. */
    private SiteConfig site() {
        SiteConfig base = ConsoleDecoderTest.SITE;
        Map<String, KeyHolder> holders = new LinkedHashMap<>(base.keys().holders());
        holders.put("east-lower", new KeyHolder("east-lower", KeyHolder.Kind.CONTROLLER, eastLower.publicKey(),
                Set.of(), Optional.empty()));
        holders.put("west-lower", new KeyHolder("west-lower", KeyHolder.Kind.CONTROLLER, westLower.publicKey(),
                Set.of(), Optional.empty()));
        KeyHolder op = holders.get("okafor");
        holders.put("okafor", new KeyHolder("okafor", op.kind(), okafor.publicKey(), op.permissions(), op.zones()));
        return base.withKeys(new KeyRing(holders, Set.of(westLower.publicKey())));
    }

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedBroker(0).start();
        SiteConfig config = site();
        MqttSettings mqtt = MqttSettings.embedded(config.siteId(), broker.port());
        topics = Topics.of(mqtt);
        console = new Console(config, mqtt, Optional.empty(), true).start("127.0.0.1", 0);
        attacker = new MqttClient("tcp://127.0.0.1:" + broker.port(), "zone-signature-test", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        attacker.connect(o);
    }

    @AfterEach
    void stop() throws Exception {
        if (attacker != null && attacker.isConnected()) {
            attacker.disconnect();
        }
        if (console != null) {
            console.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static ObjectNode mode(String mode, String controller, long version) {
        ObjectNode n = JSON.createObjectNode();
        n.put("zone", "east");
        n.put("mode", mode);
        n.put("drill", false);
        n.put("since", "2026-12-06T06:00:00Z");
        n.put("sinceMs", 1);
        n.putNull("trigger");
        n.put("reason", "");
        n.put("version", version);
        n.put("controller", controller);
        return n;
    }

    private void publish(ObjectNode n, Optional<MessageSigner> signer) throws Exception {
        String topic = topics.zoneMode("east");
        ObjectNode body = signer.map(s -> s.sign(topic, n)).orElse(n);
        attacker.publish(topic, body.toString().getBytes(StandardCharsets.UTF_8), 1, true);
    }

    /** The page's view of zone east once {@code until} holds, or fails at the deadline naming what it saw. */
    private JsonNode eastOnceTrue(Predicate<JsonNode> until) throws InterruptedException {
        long end = System.currentTimeMillis() + DEADLINE_MS;
        JsonNode east = null;
        while (System.currentTimeMillis() < end) {
            ObjectNode s = console.state().snapshot(System.currentTimeMillis());
            for (JsonNode z : s.get("zones")) {
                if (z.get("id").asText().equals("east")) {
                    east = z;
                }
            }
            if (east != null && until.test(east)) {
                return east;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("zone east never got there; last seen " + east);
    }

    private JsonNode refusedReaches(long n) throws InterruptedException {
        return eastOnceTrue(z -> z.get("refused").asLong() >= n);
    }

    private void lockedDownByEastLower() throws Exception {
        publish(mode("LOCKDOWN", "east-lower", 5), Optional.of(new MessageSigner("east-lower", eastLower)));
        JsonNode east = eastOnceTrue(z -> z.get("mode").asText().equals("LOCKDOWN"));
        assertEquals("VERIFIED", east.get("trust").asText());
        assertEquals("", east.get("problem").asText());
    }

    private String summaryMode() {
        return SiteSummary.content("lincoln-ms", console.state().snapshot(System.currentTimeMillis()))
                .at("/zones/east/mode").asText();
    }

    @Test
    void a_forged_unsigned_NORMAL_on_a_zone_in_lockdown_leaves_LOCKDOWN_and_shows_the_problem() throws Exception {
        lockedDownByEastLower();
        publish(mode("NORMAL", "east-lower", 6), Optional.empty());
        JsonNode east = refusedReaches(1);
        assertEquals("LOCKDOWN", east.get("mode").asText(), "the forged all clear is not shown");
        assertTrue(east.get("problem").asText().contains("failed its check (unsigned)")
                && east.get("problem").asText().contains("last verified one (LOCKDOWN)"), east.toString());
        JsonNode alert = console.state().snapshot(System.currentTimeMillis()).at("/alerts/0");
        assertEquals("ZONE_MODE_REFUSED", alert.get("kind").asText(), alert.toString());
        assertEquals("LOCKDOWN", summaryMode(), "the site summary is built from verified modes only");
    }

    @Test
    void a_NORMAL_signed_with_an_operators_key_is_refused() throws Exception {
        lockedDownByEastLower();
        publish(mode("NORMAL", "east-lower", 6), Optional.of(new MessageSigner("okafor", okafor)));
        JsonNode east = refusedReaches(1);
        assertEquals("LOCKDOWN", east.get("mode").asText());
        assertTrue(east.get("problem").asText().contains("bad signature"), east.toString());

        publish(mode("NORMAL", "okafor", 7), Optional.of(new MessageSigner("okafor", okafor)));
        east = refusedReaches(2);
        assertEquals("LOCKDOWN", east.get("mode").asText(), "an operator is not a controller of the site");
        assertTrue(east.get("problem").asText().contains("not a controller of this site"), east.toString());
    }

    @Test
    void a_NORMAL_from_a_controller_whose_key_is_revoked_is_refused() throws Exception {
        lockedDownByEastLower();
        publish(mode("NORMAL", "west-lower", 9), Optional.of(new MessageSigner("west-lower", westLower)));
        JsonNode east = refusedReaches(1);
        assertEquals("LOCKDOWN", east.get("mode").asText());
        assertTrue(east.get("problem").asText().contains("revoked key"), east.toString());
    }

    @Test
    void a_replayed_older_validly_signed_NORMAL_is_refused() throws Exception {
        lockedDownByEastLower();
        publish(mode("NORMAL", "east-lower", 4), Optional.of(new MessageSigner("east-lower", eastLower)));
        JsonNode east = refusedReaches(1);
        assertEquals("LOCKDOWN", east.get("mode").asText());
        assertTrue(east.get("problem").asText().contains("an older version"), east.toString());
    }

    @Test
    void a_good_signed_all_clear_is_shown_and_reaches_the_summary() throws Exception {
        lockedDownByEastLower();
        assertEquals("LOCKDOWN", summaryMode());
        publish(mode("NORMAL", "east-lower", 6), Optional.of(new MessageSigner("east-lower", eastLower)));
        JsonNode east = eastOnceTrue(z -> z.get("mode").asText().equals("NORMAL"));
        assertEquals("VERIFIED", east.get("trust").asText());
        assertEquals(0, east.get("refused").asLong());
        assertEquals("NORMAL", summaryMode());
    }
}
