package org.lockstep.controller.mqtt;





import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.core.ZoneSpec;
import org.lockstep.controller.shell.NetworkInbox;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.shell.SiteBus;
import org.lockstep.hal.MonotonicClock;
import org.tinylog.Logger;

/**
 * One controller's MQTT link, application side (Kura's DataService over a thin transport): what the event loop
 * publishes goes into a bounded store-and-forward {@link OutboundQueue} and is sent by this uplink's own thread;
 * commands and site-bus requests that arrive are decoded and offered to the loop's inbox.
 *
 * <p>Contracts:
 * <ul>
 *   <li>{@link Outbound} and {@link SiteBus} methods never block: they encode, queue and return (safety rule 1: a
 *       lockdown waits on nothing). With the broker gone the controller works exactly the same (rule 5).</li>
 *   <li>On every (re)connect, on this uplink's thread: {@code online} retained on the availability topic,
 *       resubscribe (clean session), the full retained picture from the latest views held (availability, zones,
 *       doors, discovery), then the alerts and results queued meanwhile, in order, then what was dropped (an
 *       {@code UPLINK_DROPPED} alert and the retained health topic).</li>
 *   <li>Transport callbacks only decode and enqueue (no publish, no wait inside {@code messageArrived}).</li>
 * </ul>
 * Lifecycle: construct, {@link #bind} the loop's inbox, {@link #start()} (after the loop's own start, so relays are
 * re-asserted before the network is touched: safety rule 4), {@link #close()}.
 */
public final class MqttUplink implements Outbound, SiteBus, AutoCloseable {
    private final MqttSettings settings;
    private final Topics topics;
    private final String controllerId;
    private final MqttTransport transport;
    private final MonotonicClock clock;
    private final Payloads payloads;
    /** This controller's zone modes as last published: what a peer's must be newer than and more severe than. */
    private final Map<String, ZoneMode> ownZones = new java.util.concurrent.ConcurrentHashMap<>();
    private final CommandDecoder decoder;
    private final OutboundQueue queue;
    private final List<String> haTopics = new ArrayList<>();
    private final SeenCommands seen = new SeenCommands();
    private final String alertIdPrefix;
    private final AtomicLong alertSeq = new AtomicLong();
    private final AtomicLong commandsRejected = new AtomicLong();
    private final AtomicLong sharesInvalid = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread worker;
    private volatile NetworkInbox inbox;
    private volatile SimControlListener simControl;
    private ThreadPoolExecutor simExecutor;
    private volatile boolean running;
    private volatile boolean resyncNeeded;
    private volatile boolean connected;
    private volatile boolean subscribed;
    private long droppedReported;

    /**
     * @param siteKey the site id used in topic defaults and Home Assistant ids
     * @param clock the loop's monotonic clock (the core's times are on it)
     */
    public MqttUplink(MqttSettings settings, Site site, String siteKey, String controllerId, MqttTransport transport,
            MonotonicClock clock, Clock wall) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.topics = settings.topics();
        this.controllerId = Objects.requireNonNull(controllerId, "controllerId");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        WallClock wallClock = WallClock.of(clock, wall);
        this.payloads = new Payloads(controllerId, wallClock);
        this.decoder = new CommandDecoder(controllerId,
                site.zones().stream().map(ZoneSpec::id).collect(java.util.stream.Collectors.toSet()));
        this.queue = new OutboundQueue(settings.alertQueue(), settings.eventQueue(), MqttLimits.MAX_IN_FLIGHT);
        this.alertIdPrefix = controllerId + "-" + wallClock.at(clock.nowMs()).toEpochMilli() + "-";
        // Availability first: on every connect it is the first thing sent.
        queue.putRetained(retained(topics.availability(controllerId), Payloads.utf8("online")));
        if (settings.homeAssistant().discovery()) {
            String name = site.controller(controllerId).map(ControllerSpec::name).orElse(controllerId);
            HomeAssistantDiscovery.configs(settings.homeAssistant().prefix(), topics, siteKey, controllerId, name,
                    site.doorsOf(controllerId)).forEach((t, p) -> {
                        haTopics.add(t);
                        queue.putRetained(retained(t, p));
                    });
        }
        this.worker = new Thread(this::run, "lockstep-mqtt-" + controllerId);
        this.worker.setDaemon(true);
    }

    /** Where decoded commands, peers' modes and shares go: the loop's network lane. Set before {@link #start()}. */
    public MqttUplink bind(NetworkInbox inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        return this;
    }

    /** Sim only: subscribe to {@code sim/#} and hand what arrives to the simulator. Set before {@link #start()}. */
    public MqttUplink simControl(SimControlListener listener) {
        this.simControl = Objects.requireNonNull(listener, "listener");
        return this;
    }

    public Topics topics() {
        return topics;
    }

    public boolean connected() {
        return connected;
    }

    /** Connected and subscribed: commands published from now on reach this controller. */
    public boolean ready() {
        return connected && subscribed;
    }

    /** Registers the transport listener, then connects (Kura: listeners before connect). Returns at once. */
    public void start() {
        if (inbox == null) {
            throw new IllegalStateException("bind(inbox) before start()");
        }
        if (simControl != null) {
            simExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(MqttLimits.SIM_QUEUE), r -> {
                        Thread t = new Thread(r, "lockstep-mqtt-sim-" + controllerId);
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.AbortPolicy());
        }
        running = true;
        transport.setListener(new MqttTransport.Listener() {
            @Override
            public void connected(boolean reconnect) {
                if (reconnect) {
                    reconnects.incrementAndGet();
                }
                MqttUplink.this.connected = true;
                resyncNeeded = true;
                LockSupport.unpark(worker);
            }

            @Override
            public void connectionLost(String detail) {
                MqttUplink.this.connected = false;
                subscribed = false;
                Logger.warn("mqtt {}: connection lost ({}); working locally, queueing", controllerId, detail);
            }

            @Override
            public void messageArrived(MqttTransport.Inbound message) {
                onMessage(message);
            }
        });
        worker.start();
        transport.connect();
    }

    // ---- Outbound / SiteBus: called on the loop thread; encode, queue, return.

    @Override
    public void door(String controllerId, DoorView door) {
        ObjectNode n = payloads.door(door);
        queue.putRetained(retained(topics.doorStatus(door.doorId()), Payloads.bytes(n)));
        event("door", n);
    }

    @Override
    public void zone(String controllerId, String zoneId, ZoneMode mode) {
        ownZones.put(zoneId, mode);
        ObjectNode n = payloads.zone(zoneId, mode);
        queue.putRetained(retained(topics.zoneMode(zoneId), Payloads.bytes(n)));
        event("zone", n);
    }

    @Override
    public void alert(String controllerId, Alert alert, long atMs) {
        ObjectNode n = payloads.alert(alertIdPrefix + alertSeq.incrementAndGet(), alert, atMs);
        ordered(topics.alert(), n, 0);
        event("alert", n);
    }

    @Override
    public void reply(String controllerId, Command.Reply reply) {
        ObjectNode n = payloads.result(reply, clock.nowMs());
        ordered(topics.cmdResult(reply.requestId(), controllerId), n, 0);
        event("result", n);
    }

    @Override
    public void share(String fromControllerId, Event.ModeRequested request) {
        ordered(topics.bus(), payloads.share(request, clock.nowMs()), MqttLimits.SHARE_MAX_AGE_MS);
    }

    private void ordered(String topic, ObjectNode n, long expiresAfterMs) {
        queue.addOrdered(new OutboundQueue.Message(topic, Payloads.bytes(n), 1, false, clock.nowMs(), expiresAfterMs));
        LockSupport.unpark(worker);
    }

    private void event(String type, ObjectNode n) {
        queue.addEvent(new OutboundQueue.Message(topics.event(), Payloads.bytes(Payloads.event(type, n)), 0, false,
                clock.nowMs(), 0));
        LockSupport.unpark(worker);
    }

    private OutboundQueue.Message retained(String topic, byte[] payload) {
        return new OutboundQueue.Message(topic, payload, 1, true, clock.nowMs(), 0);
    }

    // ---- Inbound: on the transport's callback thread; decode, offer, queue, return.

    private void onMessage(MqttTransport.Inbound m) {
        try {
            if (topics.commandTarget(m.topic()).isPresent()) {
                onCommand(topics.commandTarget(m.topic()).get(), m);
            } else if (m.topic().equals(topics.bus())) {
                onShare(m);
            } else if (topics.isZoneMode(m.topic())) {
                onPeerZone(m);
            } else if (settings.homeAssistant().discovery()
                    && m.topic().equals(settings.homeAssistant().prefix() + "/status")) {
                if ("online".equals(new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8).trim())) {
                    queue.resend(haTopics);
                    LockSupport.unpark(worker);
                }
            } else if (simControl != null && m.topic().startsWith(topics.sim(""))) {
                onSim(m);
            }
        } catch (RuntimeException e) {
            // A bug here must not kill Paho's callback thread (it would stop all inbound traffic).
            Logger.error(e, "mqtt {}: error handling a message on {}", controllerId, m.topic());
        }
    }

    /**
     * Another controller's zone mode (retained, so also what happened while this one was off): if it is more severe
     * than ours and has a higher version, the core is told ({@link Event.PeerModeSeen}) and catches up. A stale peer
     * that missed an all clear and republishes its old lockdown has a lower version than our all clear and is
     * ignored. Escalation only; the core checks all of it again.
     */
    private void onPeerZone(MqttTransport.Inbound m) {
        JsonNode n;
        try {
            n = CommandDecoder.STRICT.readTree(m.payload());
        } catch (java.io.IOException e) {
            return; // a cleared (empty) retained topic, or not ours
        }
        if (n == null || !n.isObject()) {
            return;
        }
        String peer = n.path("controller").asText("");
        String zone = n.path("zone").asText("");
        if (peer.equals(controllerId) || !Ids.isValid(peer) || !Ids.isValid(zone)) {
            return;
        }
        Mode mode;
        try {
            mode = Mode.valueOf(n.path("mode").asText(""));
        } catch (IllegalArgumentException e) {
            return;
        }
        long version = n.path("version").asLong(0);
        boolean drill = n.path("drill").asBoolean(false);
        ZoneMode own = ownZones.get(zone);
        if (own == null || version <= own.version()) {
            return;
        }
        boolean moreSevere = mode.moreSevereThan(own.mode()) || (mode == own.mode() && own.drill() && !drill);
        if (!moreSevere) {
            return;
        }
        Optional<Source> trigger = Optional.empty();
        JsonNode t = n.get("trigger");
        if (t != null && t.isObject() && Ids.isValid(t.path("id").asText(""))) {
            String id = t.path("id").asText();
            trigger = switch (t.path("kind").asText("")) {
                case "operator" -> Optional.of(new Source.Operator(id));
                case "panic_button" -> Optional.of(new Source.PanicButton(id));
                case "detector" -> Optional.of(new Source.Detector(id));
                default -> Optional.empty();
            };
        }
        String reason = n.path("reason").asText("");
        if (reason.length() > MqttLimits.MAX_REASON_CHARS) {
            reason = reason.substring(0, MqttLimits.MAX_REASON_CHARS);
        }
        Logger.warn("mqtt {}: zone {} is {} (version {}) on controller {} since {}: catching up", controllerId, zone,
                mode, version, peer, n.path("since").asText());
        inbox.offer("peer:" + peer, new Event.PeerModeSeen(peer, zone, mode, drill, trigger, reason, version));
    }

    private void onCommand(Topics.CommandTarget target, MqttTransport.Inbound m) {
        switch (decoder.decode(target, m.payload(), m.retained())) {
            case CommandDecoder.Decoded.Rejected r -> reject(r.commandId().orElse(Topics.NO_ID), r.reason(), m);
            case CommandDecoder.Decoded.Audit a -> {
                if (inbox.offer("cmd:" + a.event().getClass().getSimpleName(), a.event()) != NetworkInbox.Admission.ACCEPTED) {
                    Logger.warn("mqtt {}: lock audit step dropped, event loop inbox full", controllerId);
                }
            }
            case CommandDecoder.Decoded.Request r -> {
                String conflict = seen.check(r.request());
                if (conflict != null) {
                    reject(r.request().requestId(), conflict, m);
                } else if (inbox.offer("cmd:" + r.request().source().id(), r.request()) != NetworkInbox.Admission.ACCEPTED) {
                    reject(r.request().requestId(), "controller busy (event loop inbox full): retry with the same id",
                            m);
                }
            }
        }
    }

    private void reject(String commandId, String reason, MqttTransport.Inbound m) {
        commandsRejected.incrementAndGet();
        Logger.warn("mqtt {}: command on {} rejected: {}", controllerId, m.topic(), reason);
        ObjectNode n = payloads.result(commandId, false, reason, clock.nowMs());
        ordered(topics.cmdResult(commandId, controllerId), n, 0);
        event("result", n);
    }

    private void onShare(MqttTransport.Inbound m) {
        switch (BusDecoder.decode(m.payload())) {
            case BusDecoder.Decoded.Share s -> {
                if (!s.fromControllerId().equals(controllerId)) {
                    if (inbox.offer("bus:" + s.fromControllerId(), s.request()) != NetworkInbox.Admission.ACCEPTED) {
                        Logger.error("mqtt {}: shared request {} refused: inbox full", controllerId,
                                s.request().requestId());
                    }
                }
            }
            case BusDecoder.Decoded.Invalid i -> {
                sharesInvalid.incrementAndGet();
                Logger.error("mqtt {}: invalid site-bus message ignored: {}", controllerId, i.reason());
            }
        }
    }

    private void onSim(MqttTransport.Inbound m) {
        String rest = m.topic().substring(topics.sim("").length());
        if (rest.equals("rejected")) {
            return; // our own answers
        }
        try {
            SimCommand c = SimControlDecoder.decode(rest, m.payload(), m.retained());
            simExecutor.execute(() -> {
                try {
                    simControl.onSimCommand(c);
                } catch (IllegalArgumentException e) {
                    simRejected(m.topic(), e.getMessage());
                }
            });
        } catch (IllegalArgumentException e) {
            simRejected(m.topic(), e.getMessage());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            simRejected(m.topic(), "simulator busy: " + MqttLimits.SIM_QUEUE + " sim commands waiting");
        }
    }

    private void simRejected(String topic, String reason) {
        ObjectNode n = Payloads.JSON.createObjectNode();
        n.put("topic", topic);
        n.put("reason", String.valueOf(reason));
        n.put("controller", controllerId);
        queue.addOrdered(new OutboundQueue.Message(topics.simRejected(), Payloads.bytes(n), 1, false, clock.nowMs(),
                0));
        LockSupport.unpark(worker);
    }

    // ---- The uplink's own thread: (re)sync and send.

    private List<String> subscriptions() {
        List<String> s = new ArrayList<>(List.of(topics.cmdSite(), topics.cmdZoneFilter(),
                topics.cmdController(controllerId), topics.bus(), topics.zoneMode("+")));
        if (settings.homeAssistant().discovery()) {
            s.add(settings.homeAssistant().prefix() + "/status");
        }
        if (simControl != null) {
            s.add(topics.simFilter());
        }
        return s;
    }

    private void run() {
        while (running) {
            try {
                if (resyncNeeded && transport.isConnected()) {
                    resync();
                }
                if (transport.isConnected() && !resyncNeeded) {
                    drain();
                }
            } catch (RuntimeException e) {
                Logger.error(e, "mqtt {}: uplink error", controllerId);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(MqttLimits.WORKER_IDLE_WAKE_MS));
        }
    }

    private void resync() {
        resyncNeeded = false;
        queue.connectionReset();
        try {
            transport.subscribe(subscriptions(), 1);
        } catch (TransportException e) {
            // Retried either way: a refused subscription (ACL) is logged loudly each time until it is fixed.
            if (e.retryable()) {
                Logger.warn("mqtt {}: subscribe failed ({}): will retry", controllerId, e.getMessage());
            } else {
                Logger.error("mqtt {}: subscribe refused ({}): check the broker ACL", controllerId, e.getMessage());
            }
            resyncNeeded = true;
            return;
        }
        subscribed = true;
        reportDropped();
        Logger.info("mqtt {}: connected to {}; republishing the retained picture", controllerId, settings.url());
    }

    /** If anything was dropped since the last report: an alert (ordered) and the retained health topic. */
    private void reportDropped() {
        OutboundQueue.Counts c = queue.counts();
        long dropped = c.dropped() + sharesInvalid.get();
        if (dropped != droppedReported) {
            droppedReported = dropped;
            String detail = "uplink dropped while queueing: " + c.droppedOrdered() + " alerts/results (queue bound "
                    + settings.alertQueue() + "), " + c.droppedEvents() + " events (bound " + settings.eventQueue()
                    + "), " + c.droppedStale() + " stale site-bus requests, " + c.refusedRetained()
                    + " retained topics refused, " + sharesInvalid.get() + " invalid site-bus messages";
            long now = clock.nowMs();
            ObjectNode n = payloads.alert(alertIdPrefix + alertSeq.incrementAndGet(), "UPLINK_DROPPED", controllerId,
                    "", "", detail, false, now);
            queue.addReport(new OutboundQueue.Message(topics.alert(), Payloads.bytes(n), 1, false, now, 0));
            event("alert", n);
        }
        queue.putRetained(retained(topics.health(controllerId), Payloads.bytes(health())));
    }

    /** The retained health record ({@code controller/<id>/uplink}). */
    public ObjectNode health() {
        OutboundQueue.Counts c = queue.counts();
        ObjectNode n = Payloads.JSON.createObjectNode();
        n.put("controller", controllerId);
        n.put("reconnects", reconnects.get());
        n.put("queuedOrdered", c.orderedQueued());
        n.put("queuedEvents", c.eventsQueued());
        n.put("retainedTopics", c.retainedTopics());
        n.put("droppedOrdered", c.droppedOrdered());
        n.put("droppedEvents", c.droppedEvents());
        n.put("droppedStaleShares", c.droppedStale());
        n.put("refusedRetained", c.refusedRetained());
        n.put("commandsRejected", commandsRejected.get());
        n.put("invalidShares", sharesInvalid.get());
        return n;
    }

    private void drain() {
        OutboundQueue.InFlight f;
        while (running && !resyncNeeded && (f = queue.next(clock.nowMs())) != null) {
            OutboundQueue.InFlight sent = f;
            OutboundQueue.Message m = f.message();
            try {
                transport.publish(m.topic(), m.payload(), m.qos(), m.retained(), new MqttTransport.Delivery() {
                    @Override
                    public void delivered() {
                        queue.delivered(sent);
                        LockSupport.unpark(worker);
                    }

                    @Override
                    public void failed(TransportException e) {
                        queue.failed(sent);
                    }
                });
            } catch (TransportException e) {
                queue.failed(sent);
                if (!e.retryable()) {
                    Logger.error("mqtt {}: publish to {} refused: {}", controllerId, m.topic(), e.getMessage());
                }
                return; // not connected or too busy: the next wake-up tries again
            }
        }
    }

    /** Counts for tests and the health topic. */
    OutboundQueue.Counts counts() {
        return queue.counts();
    }

    /** Publishes {@code offline} (retained) and disconnects. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (simExecutor != null) {
            simExecutor.shutdownNow();
        }
        transport.close(topics.availability(controllerId), Payloads.utf8("offline"));
    }

    /**
     * Command ids seen recently, to refuse an id reused with a different body (the core would answer the old
     * command's result, and the sender would believe the new one was done). An exact repeat goes through: the core
     * answers it as before and changes nothing. Called on the transport's callback thread only.
     */
    private static final class SeenCommands {
        private final Map<String, Event.ModeRequested> seen = new LinkedHashMap<>();

        synchronized String check(Event.ModeRequested r) {
            Event.ModeRequested before = seen.get(r.requestId());
            if (before != null) {
                return before.equals(r) ? null
                        : "command id '" + r.requestId() + "' was already used for a different command: nothing done";
            }
            seen.put(r.requestId(), r);
            if (seen.size() > MqttLimits.SEEN_COMMAND_IDS) {
                seen.remove(seen.keySet().iterator().next());
            }
            return null;
        }
    }
}
