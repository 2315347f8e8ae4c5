package org.lockstep.controller.mqtt;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The uplink's store-and-forward: everything the controller wants published, held until the broker has it. Three
 * lanes, each with its own rule at its bound:
 * <ul>
 *   <li><b>state</b> — retained topics (doors, zones, availability, discovery). Only the latest payload per topic
 *       matters, so they coalesce: a door that changed five times while offline is sent once. Every reconnect marks
 *       them all for sending again (the broker may have lost its retained store). Bounded by
 *       {@link MqttLimits#MAX_RETAINED_TOPICS}: a new topic past it is refused and counted.</li>
 *   <li><b>ordered</b> — alerts, command results, site-bus shares: delivered in order, at least once (kept until the
 *       broker acknowledges; resent after a reconnect). Full: the oldest is dropped and counted.</li>
 *   <li><b>event</b> — the best-effort event stream (QoS 0). Full: the oldest is dropped and counted.</li>
 * </ul>
 * Thread-safe; every method is short and never waits. The caller (the loop thread, Paho's callback thread) is never
 * blocked by the network.
 */
final class OutboundQueue {
    enum Lane {
        STATE,
        ORDERED,
        EVENT
    }

    /** @param expiresAfterMs drop (counted) if not handed to the broker within this long; 0 = never */
    record Message(String topic, byte[] payload, int qos, boolean retained, long enqueuedMs, long expiresAfterMs) {
        Message {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** One message handed to the transport; its outcome comes back through {@link #delivered} or {@link #failed}. */
    record InFlight(Lane lane, long seq, Message message, long epoch) {}

    /** Counts since start. */
    record Counts(int retainedTopics, int orderedQueued, int eventsQueued, int inFlight, long droppedOrdered,
            long droppedEvents, long droppedStale, long refusedRetained) {
        long dropped() {
            return droppedOrdered + droppedEvents + droppedStale + refusedRetained;
        }
    }

    private final int orderedMax;
    private final int eventMax;
    private final int inFlightMax;
    private final Map<String, Message> retained = new LinkedHashMap<>();
    private final LinkedHashSet<String> dirty = new LinkedHashSet<>();
    private final TreeMap<Long, Message> ordered = new TreeMap<>();
    private final ArrayDeque<Message> events = new ArrayDeque<>();
    private long nextSeq = 1;
    private long cursor = 1;
    private long epoch;
    private int inFlight;
    private long droppedOrdered;
    private long droppedEvents;
    private long droppedStale;
    private long refusedRetained;

    OutboundQueue(int orderedMax, int eventMax, int inFlightMax) {
        this.orderedMax = orderedMax;
        this.eventMax = eventMax;
        this.inFlightMax = inFlightMax;
    }

    synchronized void putRetained(Message m) {
        if (!retained.containsKey(m.topic()) && retained.size() >= MqttLimits.MAX_RETAINED_TOPICS) {
            refusedRetained++;
            return;
        }
        retained.put(m.topic(), m);
        dirty.add(m.topic());
    }

    synchronized void addOrdered(Message m) {
        if (ordered.size() >= orderedMax) {
            ordered.pollFirstEntry();
            droppedOrdered++;
        }
        ordered.put(nextSeq++, m);
    }

    /**
     * The uplink's own report of what was dropped: may exceed the bound (once per reconnect), because a report that
     * pushed out another alert would make itself wrong. It goes ahead of what is still queued: a console learns what
     * was lost before it reads what was kept.
     */
    synchronized void addReport(Message m) {
        // Called on (re)connect, after connectionReset and before anything is sent: the cursor moves back to it.
        long key = ordered.isEmpty() ? nextSeq++ : ordered.firstKey() - 1;
        ordered.put(key, m);
        cursor = Math.min(cursor, key);
    }

    synchronized void addEvent(Message m) {
        if (events.size() >= eventMax) {
            events.pollFirst();
            droppedEvents++;
        }
        events.addLast(m);
    }

    /** Marks some retained topics for sending again (Home Assistant restarted and lost its discovery). */
    synchronized void resend(Collection<String> topics) {
        for (String t : topics) {
            if (retained.containsKey(t)) {
                dirty.add(t);
            }
        }
    }

    /**
     * A new connection: everything retained is sent again (in the order first seen: availability, then zones, then
     * doors), and every ordered message not yet acknowledged is sent again. Outcomes of the old connection's
     * publishes no longer count against the in-flight bound.
     */
    synchronized void connectionReset() {
        epoch++;
        inFlight = 0;
        dirty.clear();
        dirty.addAll(retained.keySet());
        cursor = ordered.isEmpty() ? nextSeq : ordered.firstKey();
    }

    /** The next message to hand to the transport, or null if nothing is due or too many are in flight. */
    synchronized InFlight next(long nowMs) {
        if (inFlight >= inFlightMax) {
            return null;
        }
        if (!dirty.isEmpty()) {
            String topic = dirty.removeFirst();
            inFlight++;
            return new InFlight(Lane.STATE, 0, retained.get(topic), epoch);
        }
        Map.Entry<Long, Message> e;
        while ((e = ordered.ceilingEntry(cursor)) != null) {
            cursor = e.getKey() + 1;
            Message m = e.getValue();
            if (m.expiresAfterMs() > 0 && nowMs - m.enqueuedMs() > m.expiresAfterMs()) {
                ordered.remove(e.getKey());
                droppedStale++;
                continue;
            }
            inFlight++;
            return new InFlight(Lane.ORDERED, e.getKey(), m, epoch);
        }
        Message ev = events.pollFirst();
        if (ev != null) {
            inFlight++;
            return new InFlight(Lane.EVENT, 0, ev, epoch);
        }
        return null;
    }

    synchronized void delivered(InFlight f) {
        if (f.epoch() == epoch) {
            inFlight--;
        }
        if (f.lane() == Lane.ORDERED) {
            ordered.remove(f.seq());
        }
    }

    /** The transport refused or lost it: send it again (state, ordered) or count it lost (event). */
    synchronized void failed(InFlight f) {
        if (f.epoch() != epoch) {
            return; // connectionReset already rewound everything
        }
        inFlight--;
        switch (f.lane()) {
            case STATE -> {
                // Only if nothing newer is already waiting for this topic.
                if (retained.get(f.message().topic()) == f.message()) {
                    dirty.add(f.message().topic());
                }
            }
            case ORDERED -> cursor = Math.min(cursor, f.seq());
            case EVENT -> droppedEvents++;
        }
    }

    synchronized boolean idle() {
        return dirty.isEmpty() && events.isEmpty() && ordered.ceilingEntry(cursor) == null;
    }

    synchronized Counts counts() {
        return new Counts(retained.size(), ordered.size(), events.size(), inFlight, droppedOrdered, droppedEvents,
                droppedStale, refusedRetained);
    }
}
