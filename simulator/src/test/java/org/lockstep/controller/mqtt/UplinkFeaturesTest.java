package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.shell.LoopInput;
import org.lockstep.simulator.SimCommand;
import org.lockstep.simulator.SimControl;

@ExtendWith(BrokerExtension.class)
class UplinkFeaturesTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @DisplayName("alerts dropped while offline (queue full) are counted and reported when back online")
    void droppedAlertsAreReported(TestBroker broker) throws Exception {
        broker.kill();
        MqttSettings settings = MqttSettings.external(MqttFixture.SITE_KEY, URI.create(broker.url())).withQueues(3, 5);
        try (MqttFixture f = new MqttFixture(MqttFixture.site(1, 8, 1), settings)) {
            MqttFixture.RecordingTransport recorder = new MqttFixture.RecordingTransport(
                    new PahoMqttTransport(settings, "c0", f.topics().availability("c0")));
            MqttFixture.Running c0 = f.start("c0", recorder);
            c0.loop.offer(new LoopInput.External(new Event.ModeRequested("l1", Mode.LOCKDOWN, Scope.SITE, false,
                    new Source.Operator("rivera"), "test")));
            // The lockdown's result and 8 door alerts (OPEN or FORCED) into a queue of 3: 6 dropped, the 3 newest kept.
            for (int d = 0; d < 8; d++) {
                c0.loop.offer(new LoopInput.External(new Event.ContactChanged("c0-d" + d, true)));
            }
            TestClient.await(() -> c0.alerts.size() == 8, WAIT, "8 alerts raised");
            broker.start();
            // What the uplink sent once back (acknowledged by the broker), in order; a console connecting now may
            // be too late for non-retained alerts, so the order is checked on the wire, the health on the broker.
            Topics t = f.topics();
            TestClient.await(() -> recorder.delivered.stream().filter(m -> m.startsWith(t.alert() + " ")).count() >= 4,
                    WAIT, "the report and the 3 kept alerts sent");
            List<String> alerts = recorder.delivered.stream().filter(m -> m.startsWith(t.alert() + " ")).toList();
            assertTrue(alerts.getFirst().contains("\"UPLINK_DROPPED\"") && alerts.getFirst().contains("6 alerts/results"),
                    "the report of what was lost comes first: " + alerts);
            assertEquals(3, alerts.stream().filter(m -> m.contains("\"kind\":\"DOOR_")).count(), alerts.toString());
            assertEquals(4, alerts.size(), alerts.toString());
            try (TestClient console = new TestClient(broker.url(), "console")) {
                console.subscribe(t.health("c0"));
                TestClient.await(() -> console.latest.containsKey(t.health("c0")), WAIT, "health retained");
                assertEquals(6, console.latest.get(t.health("c0")).json().get("droppedOrdered").asInt());
                assertEquals(8, c0.relays.size());
                assertTrue(c0.relays.values().stream().allMatch(x -> x), "the lockdown happened regardless");
            }
        }
    }

    @Test
    @DisplayName("Home Assistant discovery: a lock and a door sensor per door, republished on HA's birth message")
    void homeAssistantDiscovery(TestBroker broker) throws Exception {
        MqttSettings settings = MqttSettings.external(MqttFixture.SITE_KEY, URI.create(broker.url()))
                .withHomeAssistant(new MqttSettings.HomeAssistant(true, "homeassistant"));
        try (MqttFixture f = new MqttFixture(MqttFixture.site(1, 3, 1), settings);
                TestClient ha = new TestClient(broker.url(), "ha")) {
            ha.subscribe("homeassistant/#");
            MqttFixture.Running c0 = f.start("c0");
            TestClient.await(() -> ha.latest.size() == 6, WAIT, "3 locks + 3 binary sensors");
            JsonNode lock = ha.latest.get("homeassistant/lock/lockstep_test_c0/c0-d1/config").json();
            assertEquals(f.topics().doorStatus("c0-d1"), lock.get("state_topic").asText());
            assertEquals(f.topics().availability("c0"), lock.get("availability_topic").asText());
            assertEquals("lockstep_test_c0", lock.get("device").get("identifiers").get(0).asText());
            JsonNode door = ha.latest.get("homeassistant/binary_sensor/lockstep_test_c0/c0-d1/config").json();
            assertEquals("door", door.get("device_class").asText());

            int mark = ha.size();
            ha.publish("homeassistant/status", "online");
            TestClient.await(() -> ha.since(mark).stream().filter(m -> m.topic().endsWith("/config")).count() >= 6,
                    WAIT, "discovery republished after HA's birth message");
            assertTrue(c0.uplink.connected());
        }
    }

    @Test
    @DisplayName("sim control topics reach the simulator's listener; bad ones are answered on sim/rejected")
    void simControl(TestBroker broker) throws Exception {
        List<SimCommand> got = new CopyOnWriteArrayList<>();
        MqttSettings settings = MqttSettings.external(MqttFixture.SITE_KEY, URI.create(broker.url()));
        try (TestClient console = new TestClient(broker.url(), "console")) {
            Topics t = Topics.of(settings);
            console.subscribe(t.simRejected());
            // The simulator's uplink: simControl is set before start (listeners before connect).
            MqttUplink sim = new MqttUplink(settings, MqttFixture.site(1, 1, 1), MqttFixture.SITE_KEY, "c0",
                    new PahoMqttTransport(settings, "c0", t.availability("c0")), () -> 0, java.time.Clock.systemUTC());
            sim.bind((source, event) -> org.lockstep.controller.shell.NetworkInbox.Admission.ACCEPTED);
            SimControl control = SimControl.attach(sim, got::add);
            sim.start();
            try {
                TestClient.await(sim::ready, WAIT, "sim uplink connected");
                TestClient.await(() -> {
                    try {
                        console.publish(t.sim("door/c0-d0/prop"), "");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    return !got.isEmpty();
                }, WAIT, "a sim command arrives (sent until the subscription is in place)");
                assertEquals(new SimCommand.MoveDoor("c0-d0", SimCommand.DoorMove.PROP), got.getFirst());
                console.publish(t.sim("door/c0-d0/kick"), "");
                console.awaitMessage(0, m -> m.topic().equals(t.simRejected()), WAIT, "rejection");
            } finally {
                sim.close();
                control.close();
            }
        }
    }
}
