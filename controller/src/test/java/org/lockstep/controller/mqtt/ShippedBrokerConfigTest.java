package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.broker.BrokerAccount;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;

/**
 * The broker a site gets from {@code lockstep provision}, run for real: Mosquitto with the generated conf, TLS
 * certificates, password file, ACL and retained-command guard, and a real controller (loop, core, uplink, Paho over
 * TLS) of the example site. Under MQTT 3.1.1 Mosquitto drops a denied publish silently (QoS 1 is still
 * acknowledged), so each refusal is shown by ordering: the denied message, then an allowed marker on the same
 * connection; once the marker is seen, the denied one would have been seen before it.
 */
class ShippedBrokerConfigTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static ProvisionedMosquitto broker;
    private static String p;

    @BeforeAll
    static void start() throws Exception {
        SiteConfig config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        broker = new ProvisionedMosquitto(config, List.of(new BrokerAccount("front-desk", BrokerAccount.Role.CONSOLE),
                new BrokerAccount("office", BrokerAccount.Role.OFFICE),
                new BrokerAccount("audit", BrokerAccount.Role.AUDIT)), true);
        p = Topics.of(config.mqtt()).prefix();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static TestClient client(String account, String id) throws MqttException {
        return new TestClient(broker.tlsUrl(), id, broker.options(account));
    }

    @Test
    @DisplayName("plain TCP is refused: the only listener speaks TLS")
    void plainTcpRefused() {
        MqttConnectOptions o = broker.options("office");
        o.setSocketFactory(NoDelaySockets.plain());
        assertThrows(MqttException.class, () -> new TestClient("tcp://127.0.0.1:" + broker.port, "plain", o).close());
    }

    @Test
    @DisplayName("anonymous and wrong-password clients are refused over TLS")
    void anonymousRefused() {
        MqttException anon = assertThrows(MqttException.class, () -> client(null, "anon").close());
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, anon.getReasonCode(), anon.toString());
        MqttConnectOptions wrong = broker.options("office");
        wrong.setPassword("not-the-password".toCharArray());
        MqttException bad = assertThrows(MqttException.class,
                () -> new TestClient(broker.tlsUrl(), "wrong", wrong).close());
        assertTrue(bad.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || bad.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED, bad.toString());
    }

    @Test
    @DisplayName("a controller cannot write another controller's subtree, its doors, or commands (ACL)")
    void controllerConfinedToItsOwnTopics() throws Exception {
        try (TestClient watcher = client("office", "watcher").subscribe(p + "/#");
                TestClient eastLower = client("east-lower", "forger")) {
            String marker = p + "/controller/east-lower/marker";
            eastLower.publish(p + "/controller/west-upper/availability", "forged");
            eastLower.publish(p + "/door/c201/status", "{\"forged\":true}"); // west-lower's door
            eastLower.publish(p + "/cmd/site", MqttFixture.command(p + "/cmd/site", "forged-1", "ALL_CLEAR", "okafor"));
            eastLower.publish(p + "/cmd/result/x/west-upper", "forged");
            eastLower.publish(p + "/site/summary", "{\"forged\":true}"); // lockstep console's, not a controller's
            eastLower.publish(p + "/door/c101/status", "{\"own\":true}"); // its own door: allowed
            eastLower.publish(marker, "marker");
            watcher.awaitMessage(0, m -> m.topic().equals(marker), WAIT, "the controller's marker");
            List<String> seen = watcher.all().stream().map(TestClient.Msg::topic).toList();
            assertTrue(seen.contains(p + "/door/c101/status"), "its own door is allowed: " + seen);
            assertFalse(watcher.all().stream().anyMatch(m -> m.payload().contains("forged")),
                    "a denied message reached a subscriber: " + seen);
        }
    }

    @Test
    @DisplayName("the site summary is written by console accounts only: a console's passes, an audit tool's is refused")
    void siteSummaryWrittenByConsolesOnly() throws Exception {
        try (TestClient watcher = client("office", "summary-watcher").subscribe(p + "/site/summary");
                TestClient console = client("front-desk", "summary-console");
                TestClient audit = client("audit", "summary-audit")) {
            audit.publish(p + "/site/summary", "{\"forged\":true}"); // acknowledged (QoS 1) and dropped before the next
            console.publish(p + "/site/summary", "{\"v\":1,\"live\":true}");
            watcher.awaitMessage(0, m -> m.payload().contains("\"live\":true"), WAIT, "the console's summary");
            assertFalse(watcher.all().stream().anyMatch(m -> m.payload().contains("forged")),
                    "a denied summary reached a subscriber: " + watcher.all());
        }
    }

    @Test
    @DisplayName("a retained command is refused for everyone, live and on replay; a plain one passes")
    void retainedCommandRefused() throws Exception {
        Assumptions.assumeTrue(broker.retainGuard, "no cc or mosquitto-dev here: the retained-command guard is not"
                + " built (apt-get install gcc mosquitto-dev libmosquitto-dev)");
        try (TestClient live = client("front-desk", "live").subscribe(p + "/cmd/#");
                TestClient office = client("office", "office-ret")) {
            office.publish(p + "/cmd/site", bytes(MqttFixture.command(p + "/cmd/site", "ret-1", "ALL_CLEAR", "okafor")), true);
            office.publish(p + "/cmd/controller/east-lower", bytes(MqttFixture.command(p + "/cmd/controller/east-lower", "ret-2", "LOCKDOWN",
                    "okafor")), true);
            office.publish(p + "/cmd/site", MqttFixture.command(p + "/cmd/site", "plain-1", "LOCKDOWN", "rivera"));
            live.awaitMessage(0, m -> m.payload().contains("plain-1"), WAIT, "the plain command");
            assertFalse(live.all().stream().anyMatch(m -> m.payload().contains("ret-")),
                    "a retained command was forwarded: " + live.all());
        }
        // On replay: nothing retained under cmd/; a retained marker subscribed after it bounds the wait.
        try (TestClient westUpper = client("west-upper", "marker-writer")) {
            westUpper.publish(p + "/controller/west-upper/marker", bytes("retained marker"), true);
        }
        try (TestClient late = client("front-desk", "late")) {
            late.subscribe(p + "/cmd/#");
            late.subscribe(p + "/controller/west-upper/marker");
            late.awaitMessage(0, m -> m.topic().endsWith("/marker"), WAIT, "the retained marker");
            assertEquals(1, late.all().size(), "retained commands were kept: " + late.all());
        }
    }

    @Test
    @DisplayName("TLS with the site's CA, end to end: a real controller takes a LOCKDOWN over the shipped broker")
    void tlsEndToEndWithARealController() throws Exception {
        try (MqttFixture fixture = new MqttFixture(broker.config.site(), broker.clientSettings());
                TestClient office = client("office", "office-e2e")) {
            office.subscribe(p + "/cmd/result/#", p + "/controller/east-lower/availability");
            MqttFixture.Running east = fixture.start("east-lower");
            office.awaitMessage(0, m -> m.topic().endsWith("/availability") && m.payload().equals("online"), WAIT,
                    "east-lower online over TLS");
            office.publish(p + "/cmd/site", MqttFixture.command(p + "/cmd/site", "tls-1", "LOCKDOWN", "rivera"));
            TestClient.Msg result = office.awaitMessage(0, m -> m.topic().equals(p + "/cmd/result/tls-1/east-lower"),
                    WAIT, "east-lower's result");
            assertTrue(result.json().get("accepted").asBoolean(), result.payload());
            TestClient.await(() -> Boolean.TRUE.equals(east.relays.get("c101")), WAIT, "c101's lock relay driven");
        }
    }

    @Test
    @DisplayName("a 10 MB message never reaches a controller, and the controller stays connected")
    void hugeMessageRefusedWithoutDisconnectingControllers() throws Exception {
        try (MqttFixture fixture = new MqttFixture(broker.config.site(), broker.clientSettings());
                TestClient watcher = client("office", "watcher-big")) {
            watcher.subscribe(p + "/cmd/result/#", p + "/controller/east-upper/availability");
            fixture.start("east-upper");
            watcher.awaitMessage(0, m -> m.payload().equals("online"), WAIT, "east-upper online");
            try (TestClient flooder = client("front-desk", "flooder")) {
                flooder.publish(p + "/cmd/site", new byte[10 * 1024 * 1024], false);
            } catch (MqttException expected) {
                // Disconnected by max_packet_size before the message was read: the refusal.
            }
            try (TestClient office = client("office", "office-after")) {
                office.publish(p + "/cmd/site", MqttFixture.command(p + "/cmd/site", "after-big", "SECURE", "rivera"));
            }
            TestClient.Msg r = watcher.awaitMessage(0, m -> m.topic().equals(p + "/cmd/result/after-big/east-upper"),
                    WAIT, "east-upper answers the next command");
            assertTrue(r.json().get("accepted").asBoolean(), r.payload());
            List<String> seen = watcher.all().stream().map(m -> m.topic() + " " + m.payload()).toList();
            assertFalse(seen.stream().anyMatch(s -> s.contains("/_invalid/")), "the 10 MB message reached it: " + seen);
            assertEquals(1, seen.stream().filter(s -> s.endsWith("availability online")).count(),
                    "east-upper reconnected: " + seen);
            assertFalse(seen.stream().anyMatch(s -> s.endsWith("availability offline")), seen.toString());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
