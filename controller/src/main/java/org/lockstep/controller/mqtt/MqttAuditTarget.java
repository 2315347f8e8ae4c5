package org.lockstep.controller.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.audit.AuditTarget;
import org.lockstep.controller.audit.LockAudit;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.trust.MessageSigner;
import org.tinylog.Logger;

/**
 * Live controllers as a lock-audit target, over the site's broker: test locks and findings go to
 * {@code cmd/controller/<id>} (LOCK_TEST, LOCK_TESTED: the controller journals both), door statuses and zone modes
 * are read from their retained topics, and each finding is also published retained on {@code audit/door/<door>}.
 * Time is real time: the audit waits as long as the locks take.
 */
public final class MqttAuditTarget implements AuditTarget, AutoCloseable {
    /** How long a controller has to answer a test lock. */
    public static final long ANSWER_TIMEOUT_MS = 5_000;
    /** How long to wait for the retained picture after connecting. */
    public static final long PICTURE_TIMEOUT_MS = 5_000;
    /** How long to wait for the first connect: a TLS handshake on a cold JVM took over 5 s on a loaded 2-core box. */
    public static final long CONNECT_TIMEOUT_MS = 20_000;

    private final Site site;
    private final Topics topics;
    private final java.net.URI brokerUrl;
    private final MqttTransport transport;
    private final Clock wall;
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    private volatile boolean connected;
    private final MessageSigner signer;
    private final List<String> extraTopics = new java.util.ArrayList<>();
    private volatile java.util.function.Consumer<MqttTransport.Inbound> extra = m -> {};

    /** @param signer the auditing operator's key: controllers act only on signed commands (docs/SECURITY.md) */
    public MqttAuditTarget(MqttSettings settings, Site site, MqttTransport transport, Clock wall,
            MessageSigner signer) {
        this.signer = java.util.Objects.requireNonNull(signer, "signer");
        this.site = site;
        this.topics = Topics.of(settings);
        this.brokerUrl = settings.url();
        this.transport = transport;
        this.wall = wall;
    }

    /**
     * Also subscribes to {@code topicFilter} and hands each of its messages to {@code listener} (on the transport's
     * thread: it must return at once). Call before {@link #start}.
     */
    MqttAuditTarget alsoListen(String topicFilter, java.util.function.Consumer<MqttTransport.Inbound> listener) {
        extraTopics.add(topicFilter);
        java.util.function.Consumer<MqttTransport.Inbound> before = extra;
        extra = before.andThen(listener);
        return this;
    }

    /** Connects, subscribes to the retained picture and the command results, and waits for the picture. */
    public MqttAuditTarget start() throws LockAudit.Refused {
        transport.setListener(new MqttTransport.Listener() {
            @Override
            public void connected(boolean reconnect) {
                connected = true;
            }

            @Override
            public void connectionLost(String detail) {
                connected = false;
            }

            @Override
            public void messageArrived(MqttTransport.Inbound m) {
                try {
                    latest.put(m.topic(), CommandDecoder.STRICT.readTree(m.payload()));
                } catch (java.io.IOException | RuntimeException e) {
                    latest.put(m.topic(), CommandDecoder.STRICT.getNodeFactory()
                            .textNode(new String(m.payload(), StandardCharsets.UTF_8)));
                }
                extra.accept(m);
            }
        });
        transport.connect();
        if (!waitFor(() -> connected, CONNECT_TIMEOUT_MS)) {
            throw new LockAudit.Refused("cannot reach the MQTT broker at " + brokerUrl + " within "
                    + CONNECT_TIMEOUT_MS / 1000 + " s: is it running, and is mqtt.url in the site file right?");
        }
        try {
            List<String> filters = new java.util.ArrayList<>(List.of(topics.doorStatus("+"), topics.zoneMode("+"),
                    topics.availability("+"), topics.cmdResult("+", "+")));
            filters.addAll(extraTopics);
            transport.subscribe(filters, 1);
        } catch (TransportException e) {
            throw new LockAudit.Refused("cannot subscribe: " + e.getMessage());
        }
        boolean picture = waitFor(() -> site.zones().stream().allMatch(z -> latest.containsKey(topics.zoneMode(z.id()))),
                PICTURE_TIMEOUT_MS);
        if (!picture) {
            throw new LockAudit.Refused("no retained zone modes on the broker under " + topics.prefix()
                    + ": are the controllers running?");
        }
        // Retained availability arrives in any order after the zones: without this wait the first door of a healthy
        // controller could be reported "not reachable". A controller that never connected has none; it is waited
        // for only up to the same bound, then reported unreachable door by door.
        waitFor(() -> site.controllers().stream().allMatch(c -> latest.containsKey(topics.availability(c.id()))),
                PICTURE_TIMEOUT_MS);
        return this;
    }

    @Override
    public void requireNormal() throws LockAudit.Refused {
        for (var z : site.zones()) {
            JsonNode mode = latest.get(topics.zoneMode(z.id()));
            String m = mode == null || mode.get("mode") == null ? "unknown" : mode.get("mode").asText();
            if (!m.equals("NORMAL")) {
                throw new LockAudit.Refused("zone " + z.id() + " is " + m
                        + ": locks are audited only when the whole site is NORMAL");
            }
        }
    }

    @Override
    public boolean reachable(DoorSpec door) {
        JsonNode a = latest.get(topics.availability(door.controller()));
        return a != null && a.asText().equals("online");
    }

    @Override
    public Optional<Command.Reply> lockTest(DoorSpec door, Event.LockTestRequested request) {
        ObjectNode cmd = CommandDecoder.STRICT.createObjectNode();
        cmd.put("id", request.requestId());
        cmd.put("action", "LOCK_TEST");
        cmd.put("operator", request.operator().id());
        cmd.put("door", door.id());
        cmd.put("lock", request.lock());
        send(door.controller(), cmd);
        String resultTopic = topics.cmdResult(request.requestId(), door.controller());
        if (!waitFor(() -> latest.containsKey(resultTopic), ANSWER_TIMEOUT_MS)) {
            return Optional.empty();
        }
        JsonNode r = latest.get(resultTopic);
        return Optional.of(new Command.Reply(request.requestId(), r.path("accepted").asBoolean(false),
                r.path("reason").asText("")));
    }

    @Override
    public Optional<Observed> observe(DoorSpec door) {
        JsonNode d = latest.get(topics.doorStatus(door.id()));
        if (d == null || !d.has("status")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Observed(DoorStatus.valueOf(d.get("status").asText()), d.path("detail").asText(""),
                    d.path("lockCommanded").asBoolean(false)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void await(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void record(DoorSpec door, Event.LockTested finding) {
        ObjectNode cmd = CommandDecoder.STRICT.createObjectNode();
        cmd.put("id", "audit-result-" + door.id() + "-" + wall.millis());
        cmd.put("action", "LOCK_TESTED");
        cmd.put("operator", signer.holderId());
        cmd.put("door", door.id());
        cmd.put("passed", finding.passed());
        cmd.put("detail", finding.detail());
        send(door.controller(), cmd);
        ObjectNode published = CommandDecoder.STRICT.createObjectNode();
        published.put("door", door.id());
        published.put("room", door.room());
        published.put("zone", door.zone());
        published.put("passed", finding.passed());
        published.put("detail", finding.detail());
        published.put("at", wall.instant().toString());
        try {
            transport.publish(topics.prefix() + "/audit/door/" + door.id(), Payloads.bytes(published), 1, true,
                    NO_OUTCOME);
        } catch (TransportException e) {
            // The finding is still printed and journaled by the controller; say it was not published.
            Logger.warn("audit result for {} not published: {}", door.id(), e.getMessage());
        }
    }

    /** The latest message on a topic, as JSON (a text node when it was not JSON). */
    Optional<JsonNode> latest(String topic) {
        return Optional.ofNullable(latest.get(topic));
    }

    /** The first answer any controller gave to a command, if one came within {@link #ANSWER_TIMEOUT_MS}. */
    Optional<Command.Reply> firstAnswer(String commandId) {
        String prefix = topics.cmdResult(commandId, "");
        java.util.function.Supplier<Optional<JsonNode>> any = () -> latest.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).findFirst();
        if (!waitFor(() -> any.get().isPresent(), ANSWER_TIMEOUT_MS)) {
            return Optional.empty();
        }
        JsonNode r = any.get().orElseThrow();
        return Optional.of(new Command.Reply(commandId, r.path("accepted").asBoolean(false),
                r.path("reason").asText("")));
    }

    /** The signing operator's id. */
    String holderId() {
        return signer.holderId();
    }

    void send(String controllerId, ObjectNode cmd) {
        sendTo(topics.cmdController(controllerId), cmd);
    }

    /** Signs the command (stamped with {@code issuedAt} now) for {@code topic} and publishes it, QoS 1, not retained. */
    void sendTo(String topic, ObjectNode cmd) {
        cmd.put("issuedAt", wall.millis());
        signer.sign(topic, cmd);
        try {
            transport.publish(topic, Payloads.bytes(cmd), 1, false, NO_OUTCOME);
        } catch (TransportException e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e.getMessage(), e);
        }
    }

    private static final MqttTransport.Delivery NO_OUTCOME = new MqttTransport.Delivery() {
        @Override
        public void delivered() {}

        @Override
        public void failed(TransportException e) {}
    };

    static boolean waitFor(java.util.function.BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        transport.close(null, null);
    }
}
