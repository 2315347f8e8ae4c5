package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.journal.MemoryJournal;
import org.lockstep.embeddedbroker.EmbeddedBroker;
import org.lockstep.simulator.RealTimePacer;
import org.lockstep.simulator.SimMqtt;
import org.lockstep.simulator.SimulatedSchool;

/**
 * Wall times as a console sees them: the simulated school paced in real time (as {@code lockstep sim} runs it, start-up
 * costs included), a console on the broker checking every {@code since} and {@code at} against its own clock: after the
 * command that caused it was sent, before the message arrived.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WallTimeOverMqttTest {
    /** The two clocks are one clock here; this allows for rounding to the millisecond. */
    static final long CLOCK_SLACK_MS = 2;
    /** What a slow start (JIT, broker, uplinks) costs: the old offset was read before it and was off by as much. */
    static final long STARTUP_STALL_MS = 1_500;

    /**
     * The console's wall clock when the simulation last advanced. A command arriving over MQTT goes straight into a
     * controller's inbox and is handled at the next advance, at the virtual time the school already had: the time of
     * the last tick, which can be a tick (a loop iteration, 10 ms or more on a loaded box) before the command was sent.
     * The sim's clock is right to the tick, not finer.
     */
    private volatile long lastTickWallMs;
    private SimMqtt mqtt;
    private SimulatedSchool school;
    private TestClient console;

    @AfterEach
    void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        if (school != null) {
            school.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
    }

    /** Runs the pacer's loop (advance, carry out console commands) until a message matching {@code what} arrived. */
    private TestClient.Msg runUntil(RealTimePacer pacer, Predicate<TestClient.Msg> what, String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            lastTickWallMs = System.currentTimeMillis();
            pacer.advance(school);
            mqtt.runPending();
            for (TestClient.Msg m : console.all()) {
                if (!m.retained() && what.test(m)) {
                    return m;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + name);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // the loop's tick
        }
    }

    /** The arrival on the console's wall clock (recorded as nanoTime when it arrived). */
    private static long arrivedEpochMs(TestClient.Msg m) {
        long nowWall = System.currentTimeMillis();
        return nowWall - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - m.atNs());
    }

    /**
     * The stamp lies between the console's command (its cause) and the message's arrival, both on the console's clock.
     * How long the broker took is not the stamp's error, so no bound is put on it; the old offset put stamps before the
     * command that caused them.
     */
    private static void assertStampedBetween(long sentEpochMs, TestClient.Msg m, String field) {
        long stamp = Instant.parse(m.json().get(field).asText()).toEpochMilli();
        long arrived = arrivedEpochMs(m);
        assertTrue(stamp >= sentEpochMs - CLOCK_SLACK_MS && stamp <= arrived + CLOCK_SLACK_MS, m.topic() + " " + field
                + " " + Instant.ofEpochMilli(stamp) + " is not between the command at " + Instant.ofEpochMilli(sentEpochMs)
                + " and the arrival at " + Instant.ofEpochMilli(arrived) + "\n  " + m.payload());
    }

    @Test
    void door_status_since_and_alert_at_are_the_moment_the_console_received_them() throws Exception {
        // The example site's keys have private halves nobody here holds: the test signs with the fixture's keys.
        SiteConfig loaded = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        SiteConfig config = loaded.withKeys(MqttFixture.keys(loaded.site()));
        RealTimePacer pacer = RealTimePacer.startNow(1.0);
        mqtt = SimMqtt.start(config, EmbeddedBroker.freePort(), MqttFixture.controllerKeys(config.site()));
        school = SimulatedSchool.create(config, 7, mqtt, pacer.origin(), (id, wall) -> new MemoryJournal());
        mqtt.attach(school);
        String prefix = mqtt.topics().prefix();
        console = new TestClient(mqtt.url(), "console").subscribe(prefix + "/#");
        // A slow start: the simulator does not tick while it starts (a loaded machine takes seconds).
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(STARTUP_STALL_MS));
        // still without ticking: a sim-control message sent before the controllers subscribe is lost
        TestClient.await(mqtt::ready, Duration.ofSeconds(60), "every controller subscribed");

        long propSent = System.currentTimeMillis();
        console.publish(prefix + "/sim/door/c104/prop", "");
        TestClient.Msg open = runUntil(pacer, m -> m.topic().equals(prefix + "/door/c104/status")
                && m.payload().contains("\"OPEN\""), "c104 OPEN");
        assertStampedBetween(propSent, open, "since");

        long lockdownTick = lastTickWallMs; // the school's time when it handles the command (see lastTickWallMs)
        console.publish(prefix + "/cmd/site", MqttFixture.command(prefix + "/cmd/site", "lockdown-1", "LOCKDOWN", "rivera"));
        TestClient.Msg alert = runUntil(pacer, m -> m.topic().equals(prefix + "/alert") && m.payload().contains("c104"),
                "an alert naming c104");
        assertStampedBetween(lockdownTick, alert, "at");
        TestClient.Msg mode = runUntil(pacer, m -> m.topic().startsWith(prefix + "/zone/")
                && m.payload().contains("\"LOCKDOWN\""), "a zone in LOCKDOWN");
        assertStampedBetween(lockdownTick, mode, "since");
    }
}
