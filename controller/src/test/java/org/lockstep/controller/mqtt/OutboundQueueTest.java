package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    static OutboundQueue.Message msg(String topic, String payload, boolean retained) {
        return new OutboundQueue.Message(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained, 0, 0);
    }

    static List<String> drain(OutboundQueue q, boolean ack) {
        List<String> out = new ArrayList<>();
        OutboundQueue.InFlight f;
        while ((f = q.next(0)) != null) {
            out.add(f.message().topic() + "=" + new String(f.message().payload(), StandardCharsets.UTF_8));
            if (ack) {
                q.delivered(f);
            }
        }
        return out;
    }

    @Test
    @DisplayName("retained state coalesces per topic: only the latest door status is sent")
    void retainedStateCoalesces() {
        OutboundQueue q = new OutboundQueue(10, 10, 100);
        q.putRetained(msg("door/a", "1", true));
        q.putRetained(msg("door/b", "1", true));
        q.putRetained(msg("door/a", "2", true));
        q.putRetained(msg("door/a", "3", true));
        assertEquals(List.of("door/a=3", "door/b=1"), drain(q, true));
    }

    @Test
    @DisplayName("the report of what was dropped goes out ahead of the alerts that were kept")
    void dropReportGoesFirst() {
        OutboundQueue q = new OutboundQueue(2, 10, 100);
        for (int i = 1; i <= 4; i++) {
            q.addOrdered(msg("alert", "a" + i, false));
        }
        q.connectionReset();
        q.addReport(msg("alert", "dropped 2", false));
        assertEquals(List.of("alert=dropped 2", "alert=a3", "alert=a4"), drain(q, true));
    }

    @Test
    @DisplayName("a full ordered queue drops the oldest and counts it; the rest go out in order")
    void orderedQueueDropsOldestAndCounts() {
        OutboundQueue q = new OutboundQueue(3, 10, 100);
        for (int i = 1; i <= 5; i++) {
            q.addOrdered(msg("alert", "a" + i, false));
        }
        assertEquals(2, q.counts().droppedOrdered());
        assertEquals(List.of("alert=a3", "alert=a4", "alert=a5"), drain(q, true));
    }

    @Test
    @DisplayName("after a reconnect: the whole retained picture again, then every unacknowledged alert, in order")
    void reconnectResendsPictureAndUnacknowledgedAlerts() {
        OutboundQueue q = new OutboundQueue(10, 10, 100);
        q.putRetained(msg("zone/z", "LOCKDOWN", true));
        q.putRetained(msg("door/a", "SECURED", true));
        q.addOrdered(msg("alert", "a1", false));
        q.addOrdered(msg("alert", "a2", false));
        assertEquals(4, drain(q, false).size()); // sent, never acknowledged: the connection died
        q.connectionReset();
        assertEquals(List.of("zone/z=LOCKDOWN", "door/a=SECURED", "alert=a1", "alert=a2"), drain(q, true));
        q.connectionReset();
        assertEquals(List.of("zone/z=LOCKDOWN", "door/a=SECURED"), drain(q, true), "acknowledged alerts are gone");
    }

    @Test
    @DisplayName("in-flight is bounded; an acknowledgement frees a slot")
    void inFlightIsBounded() {
        OutboundQueue q = new OutboundQueue(10, 10, 2);
        q.addOrdered(msg("alert", "a1", false));
        q.addOrdered(msg("alert", "a2", false));
        q.addOrdered(msg("alert", "a3", false));
        OutboundQueue.InFlight first = q.next(0);
        q.next(0);
        assertNull(q.next(0));
        q.delivered(first);
        assertEquals("alert", q.next(0).message().topic());
    }

    @Test
    @DisplayName("a stale site-bus share is dropped and counted, never sent late")
    void staleSharesExpire() {
        OutboundQueue q = new OutboundQueue(10, 10, 100);
        q.addOrdered(new OutboundQueue.Message("bus", new byte[1], 1, false, 0, MqttLimits.SHARE_MAX_AGE_MS));
        assertNull(q.next(MqttLimits.SHARE_MAX_AGE_MS + 1));
        assertEquals(1, q.counts().droppedStale());
    }

    @Test
    @DisplayName("the event stream is best effort: full drops the oldest and counts")
    void eventsDropOldest() {
        OutboundQueue q = new OutboundQueue(10, 2, 100);
        q.addEvent(msg("event", "e1", false));
        q.addEvent(msg("event", "e2", false));
        q.addEvent(msg("event", "e3", false));
        assertEquals(1, q.counts().droppedEvents());
        assertEquals(List.of("event=e2", "event=e3"), drain(q, true));
    }
}
