package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.commission.CommissionRecord;
import org.lockstep.controller.commission.Commissioning;
import org.lockstep.controller.commission.Finding;
import org.lockstep.controller.commission.Installer;
import org.lockstep.controller.commission.Refused;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.report.CommissionWriter;
import org.lockstep.embeddedbroker.EmbeddedBroker;
import org.lockstep.simulator.SimMqtt;
import org.lockstep.simulator.SimulatedSchool;

/**
 * {@code lockstep commission} against the simulated school over the embedded broker, as an installer trains on
 * {@code lockstep sim}: the walkthrough sees only what the controllers publish, and the "installer" here acts on the
 * simulated building through its {@code sim/...} topics when told to. Every test that needs the simulator is in this
 * one class (it moves with the simulator to its own module).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommissionAgainstSimTest {
    static final long STEP_TIMEOUT_MS = 8_000;

    @TempDir
    Path dir;

    private SimMqtt mqtt;
    private SimulatedSchool school;
    private Thread driver;
    private SiteConfig config;
    private TestClient hands;

    private void startSchool() throws Exception {
        SiteConfig loaded = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        config = loaded.withKeys(MqttFixture.keys(loaded.site()));
        mqtt = SimMqtt.start(config, EmbeddedBroker.freePort(), MqttFixture.controllerKeys(config.site()));
        school = SimulatedSchool.create(config, 7, mqtt);
        mqtt.attach(school);
        school.advanceBy(1_000);
        driver = new Thread(() -> { // from here on only this thread touches the school, in real time
            long wallStart = System.nanoTime();
            long virtualStart = school.nowMs();
            while (!Thread.currentThread().isInterrupted()) {
                mqtt.runPending();
                school.advanceTo(virtualStart + (System.nanoTime() - wallStart) / 1_000_000);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sim-driver");
        driver.start();
        hands = new TestClient(mqtt.url(), "installer-hands");
        try (TestClient watcher = new TestClient(mqtt.url(), "watcher")) {
            watcher.subscribe(topics().availability("+"));
            TestClient.await(() -> config.site().controllers().stream().allMatch(c -> "online".equals(Optional
                    .ofNullable(watcher.latest.get(topics().availability(c.id()))).map(TestClient.Msg::payload)
                    .orElse(""))), Duration.ofSeconds(60), "every controller online");
        }
        // online is published before the uplink subscribes; a sim-control message is not retained
        TestClient.await(mqtt::ready, Duration.ofSeconds(60), "every controller subscribed");
    }

    @AfterEach
    void stop() throws Exception {
        if (hands != null) {
            hands.close();
        }
        if (driver != null) {
            driver.interrupt();
            driver.join(5_000);
        }
        if (school != null) {
            school.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
    }

    private Topics topics() {
        return Topics.of(config.mqtt());
    }

    /** The installer: acts on the simulated building when told to, and says it heard every lock. */
    private final class SimHands implements Installer {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void progress(String line) {
            lines.add(line);
        }

        @Override
        public boolean heard(String question) {
            return true;
        }

        @Override
        public void instruct(Instruction i) {
            String sim = topics().prefix() + "/sim/";
            try {
                switch (i.action()) {
                    case OPEN_DOOR -> hands.publish(sim + "door/" + i.deviceId() + "/open", "");
                    case CLOSE_DOOR -> hands.publish(sim + "door/" + i.deviceId() + "/close", "");
                    case ACTIVATE_FIRE_INPUT -> hands.publish(sim + "fire/" + i.deviceId(), "{\"active\":true}");
                    case RELEASE_FIRE_INPUT -> hands.publish(sim + "fire/" + i.deviceId(), "{\"active\":false}");
                    case UNPLUG_DETECTOR -> hands.publish(sim + "fault/" + i.deviceId(),
                            "{\"fault\":\"DETECTOR_SILENT\"}");
                    case PLUG_IN_DETECTOR -> hands.publish(sim + "fault/" + i.deviceId(), "{\"fault\":\"REPAIR\"}");
                    case PRESS_PANIC_BUTTON -> hands.publish(sim + "panic/" + i.deviceId(), "");
                }
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                throw new AssertionError("cannot act on the sim: " + e.getMessage(), e);
            }
        }
    }

    private CommissionRecord commission(String operator, String controller, Optional<String> door, SimHands installer)
            throws Exception {
        MqttSettings settings = config.mqtt().withUrl(java.net.URI.create(mqtt.url()));
        try (MqttCommissionTarget target = new MqttCommissionTarget(new MqttAuditTarget(settings, config.site(),
                new PahoMqttTransport(settings, "commission", topics().prefix() + "/commission/client"),
                Clock.systemUTC(), MqttFixture.signer(operator)), settings).start()) {
            return new Commissioning(config.site(), target, installer, operator, Clock.systemUTC())
                    .run(new Commissioning.Plan(controller, door, Set.of("wd-main"), STEP_TIMEOUT_MS));
        }
    }

    /**
     * The controller's commissioning records once it has journaled {@code expected} of them. The last record leaves
     * the CLI just before it disconnects: the driver thread is stopped and this thread steps the school (the only one
     * touching it) until they are in, with a deadline.
     */
    private List<Event.Commissioned> journaled(String controller, int expected) throws InterruptedException {
        driver.interrupt();
        driver.join(5_000);
        assertFalse(driver.isAlive(), "the sim driver thread stopped");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            mqtt.runPending();
            school.advanceBy(10);
            List<Event.Commissioned> in = school.journals().get(controller).readAll().stream().map(e -> e.event())
                    .filter(e -> e instanceof Event.Commissioned).map(e -> (Event.Commissioned) e).toList();
            if (in.size() >= expected || System.nanoTime() > deadline) {
                return in;
            }
            Thread.sleep(10);
        }
    }

    @Test
    void every_device_of_the_commons_controller_passes_and_the_record_is_journaled_and_written() throws Exception {
        startSchool();
        SimHands installer = new SimHands();
        CommissionRecord record = commission("okafor", "commons", Optional.empty(), installer);

        assertTrue(record.passed(), () -> record.findings() + "\n" + String.join("\n", installer.lines));
        Set<String> devices = record.findings().stream().map(Finding::deviceId).collect(Collectors.toSet());
        assertTrue(devices.containsAll(config.site().doorsOf("commons").stream().map(d -> d.id()).toList()),
                devices.toString());
        assertTrue(devices.containsAll(Set.of("fire-commons", "wd-main", "panic-office")), devices.toString());
        assertFalse(devices.contains("wd-gym"), "a dry-contact detector has no heartbeat to see");
        assertTrue(installer.lines.stream().anyMatch(l -> l.contains("drive the lock")), installer.lines.toString());

        CommissionWriter writer = new CommissionWriter(ZoneOffset.UTC);
        Files.writeString(dir.resolve("record.json"), writer.json(record));
        JsonNode json = TestClient.JSON.readTree(Files.readString(dir.resolve("record.json")));
        assertEquals("okafor", json.get("commissionedBy").asText());
        assertEquals(record.findings().size(), json.get("devices").size());
        assertTrue(writer.html(record).contains("<td>panic-office</td>"));

        List<Event.Commissioned> journal = journaled("commons", devices.size());
        assertEquals(devices, journal.stream().map(Event.Commissioned::deviceId).collect(Collectors.toSet()),
                "every finding is in the controller's journal");
        assertTrue(journal.stream().allMatch(c -> c.passed() && c.operator().id().equals("okafor")), journal.toString());
    }

    @Test
    void a_cut_contact_wire_fails_its_door_with_a_clear_message() throws Exception {
        startSchool();
        hands.publish(topics().prefix() + "/sim/fault/c101", "{\"fault\":\"CUT_CONTACT\"}");
        SimHands installer = new SimHands();
        CommissionRecord record = commission("chen", "east-lower", Optional.of("c101"), installer);

        assertEquals(1, record.findings().size());
        Finding c101 = record.findings().getFirst();
        assertFalse(c101.passed());
        assertTrue(c101.reason().contains("contact") && c101.reason().contains("cut contact wire reads open"),
                c101.reason());
        assertEquals(List.of(false), journaled("east-lower", 1).stream().map(Event.Commissioned::passed).toList());
    }

    @Test
    void refused_while_the_doors_zone_is_in_lockdown_and_nothing_is_driven() throws Exception {
        startSchool();
        String topic = topics().cmdZone("east");
        try (TestClient watcher = new TestClient(mqtt.url(), "zone-watcher")) {
            watcher.subscribe(topics().zoneMode("east"));
            hands.publish(topic, MqttFixture.command(topic, "lock-east-1", "LOCKDOWN", "okafor"));
            TestClient.await(() -> Optional.ofNullable(watcher.latest.get(topics().zoneMode("east")))
                    .map(m -> m.json().path("mode").asText()).orElse("").equals("LOCKDOWN"), Duration.ofSeconds(30),
                    "east in LOCKDOWN");
        }
        SimHands installer = new SimHands();
        Refused refused = assertThrows(Refused.class,
                () -> commission("chen", "east-lower", Optional.of("c101"), installer));

        assertTrue(refused.getMessage().contains("zone east is LOCKDOWN"), refused.getMessage());
        driver.interrupt();
        driver.join(5_000);
        assertTrue(school.journals().get("east-lower").readAll().stream()
                .noneMatch(e -> e.event() instanceof Event.LockTestRequested), "no test lock was sent");
    }
}
