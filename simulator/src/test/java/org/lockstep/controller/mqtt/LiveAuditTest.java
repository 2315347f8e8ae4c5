package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.audit.LockAudit;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Event;
import org.lockstep.embeddedbroker.EmbeddedBroker;
import org.lockstep.sim.SimFault;
import org.lockstep.simulator.SimMqtt;
import org.lockstep.simulator.SimulatedSchool;

/**
 * The lock audit against running controllers, through the broker only — as {@code lockstep audit} runs it on a
 * site. The controllers are the simulated school's, stepped in real time by their own thread (as {@code lockstep sim}
 * does), so the audit cannot tell them from a building.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LiveAuditTest {
    @Test
    void a_live_audit_over_mqtt_fails_the_jammed_bolt_and_the_cut_contact_and_the_controllers_journal_it()
            throws Exception {
        SiteConfig loaded = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        SiteConfig config = loaded.withKeys(MqttFixture.keys(loaded.site()));
        SimMqtt mqtt = SimMqtt.start(config, EmbeddedBroker.freePort(), MqttFixture.controllerKeys(config.site()));
        SimulatedSchool school = SimulatedSchool.create(config, 3, mqtt);
        mqtt.attach(school);
        school.advanceBy(1_000);
        school.building().inject(new SimFault.BoltJammed("c101"));
        school.building().inject(new SimFault.ContactWireCut("c205"));
        // From here on only the driver thread touches the school; it also counts the journaled findings, which reach
        // the controllers as unacknowledged commands and may land after the audit has returned.
        AtomicLong journaledFindings = new AtomicLong();
        Thread driver = new Thread(() -> {
            long wallStart = System.nanoTime();
            long virtualStart = school.nowMs();
            while (!Thread.currentThread().isInterrupted()) {
                mqtt.runPending();
                school.advanceTo(virtualStart + (System.nanoTime() - wallStart) / 1_000_000);
                journaledFindings.set(lockTests(school));
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sim-driver");
        driver.start();
        MqttSettings settings = config.mqtt().withUrl(java.net.URI.create(mqtt.url()));
        List<LockAudit.DoorResult> results;
        try (MqttAuditTarget target = new MqttAuditTarget(settings, config.site(),
                new PahoMqttTransport(settings, "audit", Topics.of(settings).prefix() + "/audit/client"),
                Clock.systemUTC(), MqttFixture.signer("chen"));
                TestClient console = new TestClient(mqtt.url(), "console")) {
            // The audit starts once every controller says it is online, as a technician would: started earlier, it
            // rightly finds a still-connecting controller "not reachable" (that order made this test fail 4 in 7).
            try (TestClient watcher = new TestClient(mqtt.url(), "watcher")) {
                watcher.subscribe(Topics.of(settings).availability("+"));
                TestClient.await(() -> config.site().controllers().stream().allMatch(c -> "online".equals(
                        java.util.Optional.ofNullable(watcher.latest.get(Topics.of(settings).availability(c.id())))
                                .map(TestClient.Msg::payload).orElse(""))),
                        java.time.Duration.ofSeconds(60), "every controller online");
            }
            console.subscribe(Topics.of(settings).prefix() + "/audit/door/#");
            Set<String> doors = Set.of("c101", "c102", "c205");
            results = new LockAudit(target.start(), "chen", "t1").run(config.site().doors(),
                    d -> doors.contains(d.id()), (i, n, d) -> {});
            // A bound for a failure, not a speed claim.
            try {
                TestClient.await(() -> console.latest.size() == 3, java.time.Duration.ofSeconds(60),
                        "three findings published");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the console has " + console.latest.keySet()
                        + "; the audit found " + results, e);
            }
            assertFalse(console.latest.get(Topics.of(settings).prefix() + "/audit/door/c101").json().get("passed")
                    .asBoolean());
            // The last finding was journaled after the audit returned once in 20 runs (2 of 3 read): wait for it.
            try {
                TestClient.await(() -> journaledFindings.get() >= 3, java.time.Duration.ofSeconds(30),
                        "three findings journaled");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; journaled " + journaledFindings.get(), e);
            }
        } finally {
            driver.interrupt();
            driver.join(5_000);
        }
        // The journals below are read on this thread: only once the driver thread is gone.
        assertFalse(driver.isAlive(), "the sim driver thread stopped");
        Map<String, LockAudit.DoorResult> byDoor = results.stream()
                .collect(Collectors.toMap(LockAudit.DoorResult::doorId, Function.identity()));
        assertTrue(byDoor.get("c101").reason().contains("bolt did not throw"), byDoor.get("c101").toString());
        assertFalse(byDoor.get("c101").passed());
        assertTrue(byDoor.get("c205").reason().contains("door position reads open"), byDoor.get("c205").toString());
        assertTrue(byDoor.get("c102").passed(), byDoor.get("c102").toString());
        // The controllers journaled the findings (and the test locks).
        assertEquals(3, lockTests(school));
        school.close();
        mqtt.close();
    }

    private static long lockTests(SimulatedSchool school) {
        return school.journals().values().stream().flatMap(j -> j.readAll().stream())
                .filter(e -> e.event() instanceof Event.LockTested).count();
    }
}
