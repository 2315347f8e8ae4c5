package org.lockstep.controller.mqtt;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.hal.MonotonicClock;
import org.tinylog.Logger;

/**
 * What the uplink refused, dropped and resent, counted; published retained on {@code controller/<id>/uplink} after
 * every (re)connect, every {@link MqttLimits#HEALTH_REPUBLISH_MS} while anything changed, and as soon as the queue
 * it last reported non-empty has drained (the one after a connect counts the backlog not yet sent: left alone, it would
 * say "N queued" until the next change). A rejection is never a log
 * line of its own (a flood of bad messages would fill the disk): it is counted by channel and reason, and a summary is
 * logged at most every {@link MqttLimits#REJECTION_SUMMARY_MS}. Peer messages that are forged (a peer's signature
 * refused: unsigned, bad, not a controller's key, revoked; or a shape no controller of the site writes: a controller the
 * site does not have, a zone contradicting its topic, a version out of bounds) also raise a {@code PEER_FORGED} alert,
 * at most once per summary period: someone is forging, the office must know.
 *
 * <p>Counting is thread-safe (transport threads); {@link #periodic()} and {@link #afterConnect()} run on the uplink's
 * worker thread only.
 */
final class UplinkHealth {
    /** Where a rejected message came in. */
    enum Channel {
        COMMAND("command"),
        PEER_ZONE("peerZone"),
        SHARE("share");

        final String json;

        Channel(String json) {
            this.json = json;
        }
    }

    private final String controllerId;
    private final Topics topics;
    private final MqttSettings settings;
    private final MonotonicClock clock;
    private final UplinkPublisher publisher;
    private final Payloads payloads;
    private final Supplier<String> alertIds;
    private final Map<Channel, Map<String, AtomicLong>> rejected = new EnumMap<>(Channel.class);
    private final Map<Channel, String> lastDetail = new ConcurrentHashMap<>();
    private final AtomicLong forged = new AtomicLong();
    private final AtomicLong sameAsCurrent = new AtomicLong();
    private volatile String lastForged = "";
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    // Worker thread only:
    private final Map<Channel, Map<String, Long>> logged = new EnumMap<>(Channel.class);
    private long forgedAlerted;
    private long droppedReported;
    private long publishedChanges = -1;
    private long publishedQueued;
    private long lastSummaryMs = Long.MIN_VALUE;
    private long lastHealthMs = Long.MIN_VALUE;

    UplinkHealth(String controllerId, MqttSettings settings, MonotonicClock clock, UplinkPublisher publisher,
            Payloads payloads, Supplier<String> alertIds) {
        this.controllerId = controllerId;
        this.settings = settings;
        this.topics = Topics.of(settings);
        this.clock = clock;
        this.publisher = publisher;
        this.payloads = payloads;
        this.alertIds = alertIds;
        for (Channel c : Channel.values()) {
            rejected.put(c, new ConcurrentHashMap<>());
            logged.put(c, new TreeMap<>());
        }
    }

    void reconnected() {
        reconnects.incrementAndGet();
        changes.incrementAndGet();
    }

    /**
     * Counts one rejected message.
     *
     * @param reason a short fixed key (an enum name), never text from the message: the counters stay bounded
     * @param detail the full reason, kept for the next summary line only
     * @param isForged whether it can only be a forgery (raises {@code PEER_FORGED})
     */
    void rejected(Channel channel, String reason, String detail, boolean isForged) {
        rejected.get(channel).computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        lastDetail.put(channel, detail);
        if (isForged) {
            lastForged = detail;
            forged.incrementAndGet();
        }
        changes.incrementAndGet();
    }

    /**
     * Counts a peer's zone mode dropped unverified because it repeats this controller's own ({@link PublishedZones}).
     * Not a rejection: every controller sends these in every site-wide command, so they are neither summarised in the
     * log nor part of {@code peerZonesRejected} (a console adds that to the rejected messages it shows).
     */
    void sameAsCurrent() {
        sameAsCurrent.incrementAndGet();
        changes.incrementAndGet();
    }

    long total(Channel channel) {
        return rejected.get(channel).values().stream().mapToLong(AtomicLong::get).sum();
    }

    long count(Channel channel, String reason) {
        AtomicLong n = rejected.get(channel).get(reason);
        return n == null ? 0 : n.get();
    }

    long forged() {
        return forged.get();
    }

    /** Worker thread, once per (re)connect: report drops, publish health now. */
    void afterConnect() {
        reportDropped();
        publishHealth();
    }

    /** Worker thread, on every wake-up: the rejection summary and the periodic health, when due. */
    void periodic() {
        long now = clock.nowMs();
        if (now - lastSummaryMs >= MqttLimits.REJECTION_SUMMARY_MS || lastSummaryMs == Long.MIN_VALUE) {
            if (summarise()) {
                lastSummaryMs = now;
            }
        }
        // Not paced: it follows a publish that said "queued" (paced, or one per connect), at most once each.
        boolean drained = publishedQueued > 0 && queued(publisher.counts()) == 0;
        boolean due = changes.get() != publishedChanges
                && (now - lastHealthMs >= MqttLimits.HEALTH_REPUBLISH_MS || lastHealthMs == Long.MIN_VALUE);
        if ((drained || due) && publisher.ready()) {
            // Only a paced publish reports drops: the report's own event copy can drop another event from a full
            // queue, and a report on draining would then be followed by another report, and so on.
            if (due) {
                reportDropped();
                publishHealth();
            } else {
                long pending = publishedChanges;
                publishHealth();
                publishedChanges = pending; // a change still waiting for its paced publish (and drop report) keeps it
            }
        }
    }

    /** Logs what was rejected since the last summary, one line per channel; true if anything was logged. */
    private boolean summarise() {
        boolean any = false;
        for (Channel c : Channel.values()) {
            Map<String, Long> before = logged.get(c);
            Map<String, Long> delta = new TreeMap<>();
            rejected.get(c).forEach((reason, n) -> {
                long d = n.get() - before.getOrDefault(reason, 0L);
                if (d > 0) {
                    delta.put(reason, d);
                    before.put(reason, n.get());
                }
            });
            if (!delta.isEmpty()) {
                any = true;
                long sum = delta.values().stream().mapToLong(Long::longValue).sum();
                Logger.warn("mqtt {}: {} {} message(s) rejected since the last summary {}; last: {}", controllerId,
                        sum, c.json, delta, lastDetail.get(c));
            }
        }
        long f = forged.get();
        if (f != forgedAlerted) {
            long n = f - forgedAlerted;
            forgedAlerted = f;
            String last = "; last: " + lastForged;
            Logger.error("mqtt {}: {} forged peer message(s) refused (not signed by the controller they name, or a "
                    + "shape no controller writes): someone on the broker is publishing as a controller, or a "
                    + "controller runs without its own key (its start-up log says so){}", controllerId, n, last);
            // Short enough that the last refusal's reason fits in an alert's detail (MAX_PUBLISHED_TEXT_CHARS).
            String detail = n + " forged peer message(s) refused: someone publishes as a controller, or a controller "
                    + "has no key" + last;
            ObjectNode a = payloads.alert(alertIds.get(), "PEER_FORGED", controllerId, "", "", detail, false,
                    clock.nowMs());
            publisher.report(topics.alert(), Payloads.bytes(a));
            publisher.event(topics.event(), Payloads.bytes(Payloads.event("alert", a)));
            any = true;
        }
        return any;
    }

    /** If anything was dropped since the last report: an {@code UPLINK_DROPPED} alert, ahead of the backlog. */
    private void reportDropped() {
        OutboundQueue.Counts c = publisher.counts();
        long invalidShares = total(Channel.SHARE);
        long dropped = c.dropped() + invalidShares;
        if (dropped != droppedReported) {
            droppedReported = dropped;
            String detail = "uplink dropped while queueing: " + c.droppedOrdered() + " alerts/results (queue bound "
                    + settings.alertQueue() + "), " + c.droppedEvents() + " events (bound " + settings.eventQueue()
                    + "), " + c.droppedStale() + " stale site-bus requests, " + c.refusedRetained()
                    + " retained topics refused, " + invalidShares + " invalid site-bus messages";
            ObjectNode n = payloads.alert(alertIds.get(), "UPLINK_DROPPED", controllerId, "", "", detail, false,
                    clock.nowMs());
            publisher.report(topics.alert(), Payloads.bytes(n));
            publisher.event(topics.event(), Payloads.bytes(Payloads.event("alert", n)));
        }
    }

    private void publishHealth() {
        publishedChanges = changes.get();
        lastHealthMs = clock.nowMs();
        ObjectNode h = health();
        publishedQueued = h.get("queuedOrdered").asLong() + h.get("queuedEvents").asLong();
        publisher.putRetained(topics.health(controllerId), Payloads.bytes(h));
    }

    /** What the health record calls queued: alerts/results and events not yet delivered. */
    private static long queued(OutboundQueue.Counts c) {
        return (long) c.orderedQueued() + c.eventsQueued();
    }

    /** The retained health record ({@code controller/<id>/uplink}). */
    ObjectNode health() {
        OutboundQueue.Counts c = publisher.counts();
        ObjectNode n = Payloads.JSON.createObjectNode();
        n.put("controller", controllerId);
        n.put("reconnects", reconnects.get());
        n.put("queuedOrdered", c.orderedQueued());
        n.put("queuedEvents", c.eventsQueued()); // keep queued(Counts) in step
        n.put("retainedTopics", c.retainedTopics());
        n.put("droppedOrdered", c.droppedOrdered());
        n.put("droppedEvents", c.droppedEvents());
        n.put("droppedStaleShares", c.droppedStale());
        n.put("refusedRetained", c.refusedRetained());
        n.put("commandsRejected", total(Channel.COMMAND));
        n.put("invalidShares", total(Channel.SHARE));
        n.put("peerZonesRejected", total(Channel.PEER_ZONE));
        n.put("forgedPeerMessages", forged.get());
        n.put("peerZonesSameAsCurrent", sameAsCurrent.get());
        ObjectNode byReason = n.putObject("rejected");
        for (Channel ch : Channel.values()) {
            ObjectNode r = byReason.putObject(ch.json);
            new TreeMap<>(rejected.get(ch)).forEach((reason, count) -> r.put(reason, count.get()));
        }
        return n;
    }
}
