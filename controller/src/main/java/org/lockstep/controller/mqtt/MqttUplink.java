package org.lockstep.controller.mqtt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.core.ZoneSpec;
import org.lockstep.controller.shell.NetworkInbox;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.shell.SiteBus;
import org.lockstep.controller.trust.ClockState;
import org.lockstep.controller.trust.KeyRing;
import org.lockstep.controller.trust.MessageSigner;
import org.lockstep.hal.MonotonicClock;
import org.tinylog.Logger;

/**
 * One controller's MQTT link, application side (Kura's DataService over a thin transport). This class wires the
 * parts and is what the loop sees:
 * <ul>
 *   <li>{@link UplinkPublisher} — the bounded store-and-forward queue and the worker thread that sends it;</li>
 *   <li>{@link InboundRouter} — subscriptions, and which handler each arriving message goes to;</li>
 *   <li>{@link CommandHandler} — commands ({@link CommandDecoder}: decoded, then offered to the network lane or
 *       refused with the reason);</li>
 *   <li>{@link PeerInput} — peers' zone modes ({@link PeerZoneDecoder}) and site-bus shares ({@link BusDecoder}),
 *       acted on only if signed by the controller they name; this controller's own are signed with its key
 *       ({@link #signer});</li>
 *   <li>{@link HomeAssistantDiscovery} — the discovery configs; {@link UplinkHealth} — counts, summaries, alerts.</li>
 * </ul>
 *
 * <p>Contracts:
 * <ul>
 *   <li>{@link Outbound} and {@link SiteBus} methods never block: they encode, queue and return (safety rule 1: a
 *       lockdown waits on nothing). With the broker gone the controller works exactly the same (rule 5).</li>
 *   <li>On every (re)connect, on the worker: {@code online} retained on the availability topic, resubscribe (clean
 *       session), the full retained picture from the latest views held (availability, zones, doors, discovery), then
 *       the alerts and results queued meanwhile, in order, then what was dropped (an {@code UPLINK_DROPPED} alert)
 *       and the retained health topic, which is also republished every {@link MqttLimits#HEALTH_REPUBLISH_MS} while
 *       its counts change, and once the queue it counted has drained.</li>
 *   <li>Transport callbacks only decode and enqueue (no publish, no wait inside {@code messageArrived}). Everything
 *       from outside is validated there and judged by the core on the loop.</li>
 * </ul>
 * Lifecycle: construct, {@link #bind} the loop's inbox, optionally {@link #route} another component's topics,
 * {@link #start()} (after the loop's own start, so relays are re-asserted before the network is touched: safety rule
 * 4), {@link #close()}.
 */
public final class MqttUplink implements Outbound, SiteBus, AutoCloseable {
    private final Topics topics;
    private final String controllerId;
    private final MqttTransport transport;
    private final MonotonicClock clock;
    private final Payloads payloads;
    private final UplinkPublisher publisher;
    private final UplinkHealth health;
    private final InboundRouter router;
    private final String alertIdPrefix;
    private final AtomicLong alertSeq = new AtomicLong();
    private volatile NetworkInbox inbox;
    private final CommandHandler commands;
    private final PeerInput peers;
    /** Signs this controller's zone modes and shares; empty: they go unsigned and every peer refuses them. */
    private volatile Optional<MessageSigner> signer = Optional.empty();
    private volatile boolean started;
    /** Set by {@link #info}; null: this uplink publishes no info record. */
    private volatile InfoSource info;
    /** Zone → its mode here, as last published: for the info record, and to drop peers' modes that are not news. */
    private final PublishedZones zoneStates = new PublishedZones();
    /** Worker thread only: the info record last queued, so it is queued again only when something changed. */
    private ControllerInfo infoQueued;
    private boolean infoRefusedLogged;

    private record InfoSource(String version, String siteFileSha256, java.time.Instant startedAt,
            Supplier<org.lockstep.controller.journal.JournalHealth> journal) {}

    /**
     * @param siteKey the site id used in topic defaults and Home Assistant ids
     * @param clock the loop's monotonic clock (the core's times are on it)
     */
    public MqttUplink(MqttSettings settings, Site site, String siteKey, String controllerId, MqttTransport transport,
            MonotonicClock clock, Clock wall) {
        Objects.requireNonNull(settings, "settings");
        this.topics = Topics.of(settings);
        this.controllerId = Objects.requireNonNull(controllerId, "controllerId");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        WallClock wallClock = WallClock.of(clock, wall);
        this.payloads = new Payloads(controllerId, wallClock);
        this.alertIdPrefix = controllerId + "-" + wallClock.at(clock.nowMs()).toEpochMilli() + "-";
        OutboundQueue queue = new OutboundQueue(settings.alertQueue(), settings.eventQueue(),
                MqttLimits.MAX_IN_FLIGHT);
        List<String> haTopics = new ArrayList<>();
        InboundRouter[] routerRef = new InboundRouter[1];
        this.publisher = new UplinkPublisher(controllerId, transport, clock, queue,
                () -> routerRef[0].subscriptions());
        this.health = new UplinkHealth(controllerId, settings, clock, publisher, payloads, this::nextAlertId);
        CommandDecoder commandDecoder = new CommandDecoder(controllerId,
                site.zones().stream().map(ZoneSpec::id).collect(java.util.stream.Collectors.toSet()),
                site.devicesOf(controllerId));
        this.commands = new CommandHandler(controllerId, topics, commandDecoder, () -> inbox, publisher,
                health, payloads, clock);
        this.peers = new PeerInput(controllerId, new PeerZoneDecoder(controllerId, site), zoneStates,
                new BusDecoder(site), () -> inbox, health);
        Optional<String> haStatus = settings.homeAssistant().discovery()
                ? Optional.of(settings.homeAssistant().prefix() + "/status")
                : Optional.empty();
        this.router = new InboundRouter(controllerId, topics, commands, peers, haStatus,
                () -> publisher.resend(haTopics));
        routerRef[0] = router;
        publisher.hooks(() -> {
            health.afterConnect();
            Logger.info("mqtt {}: connected to {}; republishing the retained picture", controllerId, settings.url());
        }, () -> {
            health.periodic();
            publishInfoIfChanged();
        });
        // Availability first: on every connect it is the first thing sent.
        publisher.putRetained(topics.availability(controllerId), Payloads.utf8("online"));
        if (settings.homeAssistant().discovery()) {
            String name = site.controller(controllerId).map(ControllerSpec::name).orElse(controllerId);
            HomeAssistantDiscovery.configs(settings.homeAssistant().prefix(), topics, siteKey, controllerId, name,
                    site.doorsOf(controllerId)).forEach((t, p) -> {
                        haTopics.add(t);
                        publisher.putRetained(t, p);
                    });
        }
    }

    /**
     * The site's keys and whether the wall clock can judge a command's {@code issuedAt} (docs/SECURITY.md). Set before
     * {@link #start()}; without it every command and every peer message is refused (an empty key ring trusts no one).
     */
    public MqttUplink trust(KeyRing keys, Supplier<ClockState> clockState, Clock wall) {
        commands.trust(new CommandHandler.Trust(keys, clockState, wall));
        peers.trust(keys);
        return this;
    }

    /**
     * This controller's own private key: every zone mode and site-bus share it publishes is signed with it (the peers
     * act on nothing else). Without one they go out unsigned: consoles still see them, every other controller refuses
     * them. Set before {@link #start()}.
     *
     * @throws IllegalArgumentException if the key is another holder's (its signatures would name the wrong sender)
     */
    public MqttUplink signer(MessageSigner own) {
        if (!own.holderId().equals(controllerId)) {
            throw new IllegalArgumentException("controller " + controllerId + " cannot sign with the key of '"
                    + own.holderId() + "'");
        }
        this.signer = Optional.of(own);
        return this;
    }

    /**
     * Publishes this controller's info record ({@code controller/<id>/info}, retained): the facts {@code lockstep
     * status} shows. Queued at once and again whenever the journal's health or a zone's mode changes (checked on every
     * wake-up of the uplink's worker, at most {@link MqttLimits#WORKER_IDLE_WAKE_MS} apart). Before {@link #start()}.
     *
     * @param siteFileSha256 the hash of the site file as loaded ({@code SiteConfig.fileSha256()})
     * @param journal read on the uplink's worker thread: must be thread-safe and must not block
     */
    public MqttUplink info(String version, String siteFileSha256, java.time.Instant startedAt,
            Supplier<org.lockstep.controller.journal.JournalHealth> journal) {
        if (started) {
            throw new IllegalStateException("info(...) before start()");
        }
        InfoSource source = new InfoSource(version, siteFileSha256, startedAt, Objects.requireNonNull(journal,
                "journal"));
        // Validated now, on the caller's thread: a bad version or hash is a wiring bug, not a network fault.
        new ControllerInfo(controllerId, version, siteFileSha256, startedAt, journal.get(), Map.of());
        this.info = source;
        return this;
    }

    /** Worker thread: queues the info record if it differs from the one queued last. */
    private void publishInfoIfChanged() {
        InfoSource s = info;
        if (s == null) {
            return;
        }
        if (zoneStates.size() > ControllerInfo.MAX_ZONES) {
            if (infoQueued != null || !infoRefusedLogged) {
                infoRefusedLogged = true;
                infoQueued = null;
                Logger.error("mqtt {}: {} zones, more than the info record holds ({}): no info published",
                        controllerId, zoneStates.size(), ControllerInfo.MAX_ZONES);
            }
            return;
        }
        ControllerInfo now = new ControllerInfo(controllerId, s.version(), s.siteFileSha256(), s.startedAt(),
                s.journal().get(), zoneStates.states());
        if (!now.equals(infoQueued)) {
            infoQueued = now;
            publisher.putRetained(topics.info(controllerId), Payloads.bytes(now.toJson()));
        }
    }

    /** Where decoded commands, peers' modes and shares go: the loop's network lane. Set before {@link #start()}. */
    public MqttUplink bind(NetworkInbox inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        return this;
    }

    /**
     * Another component's topics on this connection (the simulator's {@code sim/#}): subscribed on every (re)connect;
     * what arrives under {@code filter} (a prefix followed by {@code /#}) is handed to {@code handler} on the
     * transport's thread, which must return at once (hand off; answer with {@link #publishOrdered}). Before
     * {@link #start()}.
     */
    public MqttUplink route(String filter, Consumer<MqttTransport.Inbound> handler) {
        if (started) {
            throw new IllegalStateException("route(...) before start()");
        }
        router.add(new InboundRouter.Route(filter, Objects.requireNonNull(handler, "handler")));
        return this;
    }

    /** Queues a message on the ordered, must-deliver lane (QoS 1, not retained). Never blocks. */
    public void publishOrdered(String topic, byte[] payload) {
        publisher.ordered(topic, payload, 0);
    }

    public Topics topics() {
        return topics;
    }

    public String controllerId() {
        return controllerId;
    }

    public boolean connected() {
        return publisher.connected();
    }

    /** Connected and subscribed: commands published from now on reach this controller. */
    public boolean ready() {
        return publisher.ready();
    }

    /** Registers the transport listener, then connects (Kura: listeners before connect). Returns at once. */
    public void start() {
        if (inbox == null) {
            throw new IllegalStateException("bind(inbox) before start()");
        }
        started = true;
        transport.setListener(new MqttTransport.Listener() {
            @Override
            public void connected(boolean reconnect) {
                if (reconnect) {
                    health.reconnected();
                }
                publisher.onConnected();
            }

            @Override
            public void connectionLost(String detail) {
                publisher.onConnectionLost();
                Logger.warn("mqtt {}: connection lost ({}); working locally, queueing", controllerId, detail);
            }

            @Override
            public void messageArrived(MqttTransport.Inbound message) {
                router.onMessage(message);
            }
        });
        publisher.start();
        transport.connect();
    }

    // ---- Outbound / SiteBus: called on the loop thread; encode, queue, return.

    @Override
    public void door(String controllerId, DoorView door) {
        ObjectNode n = payloads.door(door);
        publisher.putRetained(topics.doorStatus(door.doorId()), Payloads.bytes(n));
        event("door", n);
    }

    @Override
    public void zone(String controllerId, String zoneId, ZoneMode mode) {
        ObjectNode n = payloads.zone(zoneId, mode);
        zoneStates.published(zoneId, mode);
        event("zone", n);
        String topic = topics.zoneMode(zoneId);
        publisher.putRetained(topic, Payloads.bytes(signed(topic, n)));
    }

    @Override
    public void alert(String controllerId, Alert alert, long atMs) {
        ObjectNode n = payloads.alert(nextAlertId(), alert, atMs);
        publisher.ordered(topics.alert(), Payloads.bytes(n), 0);
        event("alert", n);
    }

    @Override
    public void reply(String controllerId, Command.Reply reply) {
        ObjectNode n = payloads.result(reply, clock.nowMs());
        publisher.ordered(topics.cmdResult(reply.requestId(), controllerId), Payloads.bytes(n), 0);
        event("result", n);
    }

    @Override
    public void share(String fromControllerId, Event.ModeRequested request) {
        String topic = topics.bus();
        publisher.ordered(topic, Payloads.bytes(signed(topic, payloads.share(request, clock.nowMs()))),
                MqttLimits.SHARE_MAX_AGE_MS);
    }

    /**
     * A peer message as peers accept it: signed over its topic and body ({@code CanonicalForm}), if we have a key. A
     * message with no canonical form (cannot happen: every field is validated where it came in) goes out unsigned and
     * is logged, rather than throw on the loop thread after the relays moved: peers refuse it, consoles still see it.
     */
    private ObjectNode signed(String topic, ObjectNode message) {
        Optional<MessageSigner> s = signer;
        if (s.isEmpty()) {
            return message;
        }
        try {
            return s.get().sign(topic, message);
        } catch (IllegalArgumentException e) {
            Logger.error("mqtt {}: {} published unsigned, peers will refuse it: {}", controllerId, topic,
                    e.getMessage());
            return message;
        }
    }

    private void event(String type, ObjectNode n) {
        publisher.event(topics.event(), Payloads.bytes(Payloads.event(type, n)));
    }

    private String nextAlertId() {
        return alertIdPrefix + alertSeq.incrementAndGet();
    }

    /** The retained health record ({@code controller/<id>/uplink}). */
    public ObjectNode health() {
        return health.health();
    }

    /** Counts for tests and the health topic. */
    OutboundQueue.Counts counts() {
        return publisher.counts();
    }

    /** Publishes {@code offline} (retained) and disconnects. */
    @Override
    public void close() {
        publisher.stop();
        transport.close(topics.availability(controllerId), Payloads.utf8("offline"));
    }
}
