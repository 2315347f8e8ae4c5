package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.hal.MonotonicClock;

/**
 * The uplink health's republish when the backlog has drained (not paced) must neither report drops nor use up the
 * paced publish a change is waiting for: stepped by hand on a virtual clock, no worker thread, no broker, no sleep.
 */
class UplinkHealthDrainTest {
    private static final String ID = "east-wing";
    private static final int EVENT_QUEUE = 3;
    /** Events beyond the bound while the broker is away: dropped before the connect. */
    private static final int OVERFLOW = 2;

    private long nowMs;
    private final MonotonicClock clock = () -> nowMs;
    private final HeldTransport transport = new HeldTransport();
    private final MqttSettings settings = MqttSettings.embedded("lincoln-high", 1883).withQueues(100, EVENT_QUEUE);
    private final Topics topics = Topics.of(settings);
    private final UplinkPublisher publisher = new UplinkPublisher(ID, transport, clock,
            new OutboundQueue(settings.alertQueue(), settings.eventQueue(), MqttLimits.MAX_IN_FLIGHT), List::of);
    private int alertIds;
    private final UplinkHealth health = new UplinkHealth(ID, settings, clock, publisher,
            new Payloads(ID, WallClock.of(clock, Clock.fixed(Instant.parse("2026-12-06T06:00:00Z"), ZoneOffset.UTC))),
            () -> "alert-" + ++alertIds);

    /**
     * Given events that overflowed the queue while the broker was away (2 dropped), the uplink connects: it reports the
     * drops (whose own event copy pushes out a third event) and publishes its health, backlog queued, all sent but not
     * yet acknowledged; then a command is rejected (a change waiting for its paced publish).
     */
    private void connectAfterAnOverflowThenAChange() {
        publisher.hooks(health::afterConnect, health::periodic);
        for (int i = 0; i < EVENT_QUEUE + OVERFLOW; i++) {
            publisher.event(topics.event(), ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        transport.connected = true;
        publisher.onConnected();
        publisher.step();
        assertEquals(1, droppedReports().size(), "the connect reports the drops");
        assertEquals(OVERFLOW + 1, publisher.counts().droppedEvents(), "the report's event copy dropped one more");
        health.rejected(UplinkHealth.Channel.COMMAND, "BAD_JSON", "not JSON", false);
    }

    @Test
    void theRepublishWhenTheBacklogDrainsDoesNotReportDropsAgain() {
        connectAfterAnOverflowThenAChange();

        transport.acknowledgeAll(); // the backlog has drained
        publisher.step();
        publisher.step(); // sends what the drained republish queued
        transport.acknowledgeAll();

        assertEquals(1, droppedReports().size(), "no second UPLINK_DROPPED on draining: " + droppedReports());
        assertTrue(transport.sent.stream().anyMatch(s -> s.topic().equals(topics.health(ID))
                && s.payload().contains("\"queuedOrdered\":0,\"queuedEvents\":0")),
                "the health is republished once drained: " + transport.sent);
    }

    @Test
    void aChangeTheDrainedRepublishCarriedStillGetsItsPacedPublishWithTheDropReport() {
        connectAfterAnOverflowThenAChange();
        transport.acknowledgeAll();
        publisher.step(); // drained: republished, not paced

        nowMs += MqttLimits.HEALTH_REPUBLISH_MS; // the paced publish of the change is due
        publisher.step();
        publisher.step(); // sends what it queued
        transport.acknowledgeAll();

        List<String> reports = droppedReports();
        assertEquals(2, reports.size(), "the paced publish reports the drop the connect's report caused: " + reports);
        assertTrue(reports.getLast().contains(OVERFLOW + 1 + " events"), reports.getLast());
    }

    private List<String> droppedReports() {
        return transport.sent.stream().filter(s -> s.topic().equals(topics.alert()))
                .map(HeldTransport.Sent::payload).filter(p -> p.contains("UPLINK_DROPPED")).toList();
    }
}
