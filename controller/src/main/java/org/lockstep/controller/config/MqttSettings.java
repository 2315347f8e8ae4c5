package org.lockstep.controller.config;

import static org.lockstep.controller.config.MqttFields.bool;
import static org.lockstep.controller.config.MqttFields.bounded;
import static org.lockstep.controller.config.MqttFields.integer;
import static org.lockstep.controller.config.MqttFields.section;
import static org.lockstep.controller.config.MqttFields.string;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.lockstep.controller.core.Ids;

/**
 * The {@code mqtt:} section of the site file, validated. Immutable; {@link #fromMap} names the field of every problem
 * so the config loader can report them all at once. The YAML is documented in {@code docs/mqtt.md}.
 *
 * @param broker embedded (Moquette in this process, 127.0.0.1) or an external broker by {@link #url}
 * @param url {@code tcp://host:port} or {@code ssl://host:port}; for embedded, the URL clients use to reach it
 * @param embeddedPort the port the embedded broker binds on 127.0.0.1 (0 = pick a free one, for tests)
 * @param caFile PEM CA certificate(s) that sign the broker's certificate (ssl:// only); absent = the JVM's trust store
 * @param secretsFile where each client's broker account is ({@code username=}, {@code password=}; {@link MqttSecrets}),
 *     with {@code {client}} standing for the controller id (or {@code audit}): one account per controller, so one
 *     stolen controller is not the whole site. Absent = anonymous (the embedded broker, tests)
 * @param clientCert an optional client certificate and its PKCS#8 key (PEM, ssl:// only; {@code {client}} as above)
 * @param topicPrefix default {@code lockstep/<site-id>}
 * @param clientId default {@code lockstep-<site-id>}; the controller id is always appended, because two clients with
 *     one id throw each other off the broker
 * @param homeAssistant discovery on/off and its prefix
 * @param alertQueue bound of the ordered must-deliver queue (alerts, results, shares)
 * @param eventQueue bound of the best-effort event stream queue
 */
public record MqttSettings(Broker broker, URI url, int embeddedPort, Optional<Path> caFile,
        Optional<String> secretsFile, Optional<ClientCert> clientCert, String topicPrefix, String clientId, HomeAssistant homeAssistant, int alertQueue,
        int eventQueue) {
    /** Default bound of the ordered must-deliver queue (alerts, command results, site-bus shares). Full: the
     *  oldest is dropped and counted; the count is published as an alert and on the health topic. */
    public static final int DEFAULT_ALERT_QUEUE = 10_000;
    /** Default bound of the best-effort event stream queue. Full: the oldest is dropped and counted. */
    public static final int DEFAULT_EVENT_QUEUE = 1_000;


    public enum Broker {
        EMBEDDED,
        URL
    }

    public record HomeAssistant(boolean discovery, String prefix) {
        public HomeAssistant {
            Objects.requireNonNull(prefix, "homeAssistant.prefix");
        }

        public static final HomeAssistant OFF = new HomeAssistant(false, "homeassistant");
    }

    /** A client certificate and its private key, PEM; paths may hold {@code {client}}. */
    public record ClientCert(String certFile, String keyFile) {
        public ClientCert {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }

        public Path certFor(String client) {
            return Path.of(certFile.replace(CLIENT, client));
        }

        public Path keyFor(String client) {
            return Path.of(keyFile.replace(CLIENT, client));
        }
    }

    public static final int DEFAULT_PORT = 1883;

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    /** Stands for the client's name (controller id, or {@code audit}) in {@code secretsFile} and certificate paths. */
    public static final String CLIENT = "{client}";

    public MqttSettings {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(secretsFile, "secretsFile");
        Objects.requireNonNull(clientCert, "clientCert");
        requireValidPrefix(topicPrefix);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(homeAssistant, "homeAssistant");
        if (alertQueue < 1 || eventQueue < 1) {
            throw new IllegalArgumentException("queue bounds must be positive");
        }
        if (secretsFile.isPresent() && !secretsFile.get().contains(CLIENT)) {
            throw new IllegalArgumentException("secretsFile must contain " + CLIENT);
        }
    }

    /** An embedded broker on {@code port} of 127.0.0.1, everything else default: what {@code lockstep sim} uses. */
    public static MqttSettings embedded(String siteId, int port) {
        return new MqttSettings(Broker.EMBEDDED, URI.create("tcp://127.0.0.1:" + port), port, Optional.empty(),
                Optional.empty(), Optional.empty(), "lockstep/" + siteId, "lockstep-" + siteId, HomeAssistant.OFF,
                DEFAULT_ALERT_QUEUE, DEFAULT_EVENT_QUEUE);
    }

    /** An external broker by URL, everything else default. */
    public static MqttSettings external(String siteId, URI url) {
        return new MqttSettings(Broker.URL, url, DEFAULT_PORT, Optional.empty(), Optional.empty(), Optional.empty(),
                "lockstep/" + siteId, "lockstep-" + siteId, HomeAssistant.OFF, DEFAULT_ALERT_QUEUE,
                DEFAULT_EVENT_QUEUE);
    }

    /** The topic-prefix rule, here so the site file's parser and the uplink's topic tree apply the same one. */
    public static void requireValidPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("+")
                || prefix.contains("#")) {
            throw new IllegalArgumentException("topic prefix must be non-empty, without +, # or a leading/trailing /");
        }
    }

    public String clientIdFor(String controllerId) {
        return clientId + "-" + controllerId;
    }

    public boolean tls() {
        return "ssl".equals(url.getScheme());
    }

    /** The secrets file of one client ({@code {client}} replaced), if the site uses broker accounts. */
    public Optional<Path> secretsFor(String client) {
        return secretsFile.map(f -> Path.of(f.replace(CLIENT, client)));
    }

    public MqttSettings withSecrets(String secretsFileTemplate, Path ca) {
        return new MqttSettings(broker, url, embeddedPort, Optional.of(ca), Optional.of(secretsFileTemplate),
                clientCert, topicPrefix, clientId, homeAssistant, alertQueue, eventQueue);
    }

    public MqttSettings withHomeAssistant(HomeAssistant ha) {
        return new MqttSettings(broker, url, embeddedPort, caFile, secretsFile, clientCert, topicPrefix, clientId, ha,
                alertQueue, eventQueue);
    }

    public MqttSettings withQueues(int alerts, int events) {
        return new MqttSettings(broker, url, embeddedPort, caFile, secretsFile, clientCert, topicPrefix, clientId,
                homeAssistant, alerts, events);
    }

    public MqttSettings withUrl(URI url) {
        return new MqttSettings(broker, url, embeddedPort, caFile, secretsFile, clientCert, topicPrefix, clientId,
                homeAssistant, alertQueue, eventQueue);
    }

    /** Every problem in an {@code mqtt:} section, each naming its field ({@code mqtt.url: ...}). */
    public static final class Invalid extends IllegalArgumentException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final Set<String> KNOWN = Set.of("broker", "url", "port", "caFile", "secretsFile", "clientCert",
            "clientKey", "topicPrefix", "clientId", "homeAssistant", "queue");

    /**
     * Parses the {@code mqtt:} map of the site file (as SnakeYAML gives it). A missing section ({@code null}) means an
     * embedded broker on the default port. Unknown keys are errors (a typo must not silently fall back to a default).
     *
     * @throws Invalid listing every problem, each with its field
     */
    public static MqttSettings fromMap(Map<String, Object> map, String siteId) {
        Ids.require("site id", siteId);
        Map<String, Object> m = map == null ? Map.of() : map;
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(m.keySet())) {
            if (key.equals("username") || key.equals("passwordFile")) {
                problems.add("mqtt." + key + ": no longer supported: one account shared by every controller makes one"
                        + " stolen controller the whole site; use secretsFile: /etc/lockstep/mqtt/{client}.secret"
                        + " (made by 'lockstep provision', docs/mqtt.md)");
            } else if (!KNOWN.contains(key)) {
                problems.add("mqtt." + key + ": unknown field (known: " + String.join(", ", new TreeSet<>(KNOWN)) + ")");
            }
        }
        String brokerText = string(m, "broker", problems).orElse("embedded");
        Broker broker = switch (brokerText) {
            case "embedded" -> Broker.EMBEDDED;
            case "url" -> Broker.URL;
            default -> {
                problems.add("mqtt.broker: must be 'embedded' or 'url', was '" + brokerText + "'");
                yield Broker.EMBEDDED;
            }
        };
        int port = integer(m, "port", problems).orElse(DEFAULT_PORT);
        if (port < 0 || port > 65_535) {
            problems.add("mqtt.port: must be 0..65535, was " + port);
        }
        URI url = URI.create("tcp://127.0.0.1:" + Math.max(0, Math.min(port, 65_535)));
        Optional<String> urlText = string(m, "url", problems);
        if (broker == Broker.URL) {
            if (urlText.isEmpty()) {
                problems.add("mqtt.url: required when broker is 'url' (tcp://host:1883 or ssl://host:8883)");
            } else {
                try {
                    URI u = new URI(urlText.get());
                    if (!"tcp".equals(u.getScheme()) && !"ssl".equals(u.getScheme())) {
                        problems.add("mqtt.url: must start with tcp:// or ssl://, was '" + urlText.get() + "'");
                    } else if (u.getHost() == null || u.getPort() < 1) {
                        problems.add("mqtt.url: needs a host and a port, e.g. ssl://broker.local:8883, was '"
                                + urlText.get() + "'");
                    } else if ("tcp".equals(u.getScheme()) && !LOOPBACK.contains(u.getHost())) {
                        // Passwords and commands in clear on the school's network: anyone on the Wi-Fi reads them.
                        problems.add("mqtt.url: plain tcp:// only to a broker on this machine (127.0.0.1, localhost);"
                                + " use ssl://" + u.getHost() + ":8883 with caFile, was '" + urlText.get() + "'");
                    } else {
                        url = u;
                    }
                } catch (URISyntaxException e) {
                    problems.add("mqtt.url: not a URL: " + e.getMessage());
                }
            }
        } else if (urlText.isPresent()) {
            problems.add("mqtt.url: only with broker: url (the embedded broker listens on 127.0.0.1:port)");
        }
        Optional<Path> caFile = string(m, "caFile", problems).map(Path::of);
        if (caFile.isPresent() && !"ssl".equals(url.getScheme())) {
            problems.add("mqtt.caFile: only with an ssl:// url");
        }
        Optional<String> secrets = string(m, "secretsFile", problems);
        if (secrets.isPresent() && !secrets.get().contains(CLIENT)) {
            problems.add("mqtt.secretsFile: must contain " + CLIENT + " (each controller has its own broker account),"
                    + " e.g. /etc/lockstep/mqtt/{client}.secret, was '" + secrets.get() + "'");
            secrets = Optional.empty();
        }
        Optional<String> cert = string(m, "clientCert", problems);
        Optional<String> certKey = string(m, "clientKey", problems);
        Optional<ClientCert> clientCert = Optional.empty();
        if (cert.isPresent() != certKey.isPresent()) {
            problems.add("mqtt." + (cert.isPresent() ? "clientKey" : "clientCert") + ": clientCert and clientKey go"
                    + " together");
        } else if (cert.isPresent()) {
            if (!"ssl".equals(url.getScheme())) {
                problems.add("mqtt.clientCert: only with an ssl:// url");
            }
            clientCert = Optional.of(new ClientCert(cert.get(), certKey.get()));
        }
        String prefix = string(m, "topicPrefix", problems).orElse("lockstep/" + siteId);
        try {
            requireValidPrefix(prefix);
        } catch (IllegalArgumentException e) {
            problems.add("mqtt.topicPrefix: " + e.getMessage() + ", was '" + prefix + "'");
            prefix = "lockstep/" + siteId;
        }
        String clientId = string(m, "clientId", problems).orElse("lockstep-" + siteId);
        if (!clientId.matches("[A-Za-z0-9_-]{1,40}")) {
            problems.add("mqtt.clientId: 1-40 of A-Z a-z 0-9 _ -, was '" + clientId + "'");
        }
        HomeAssistant ha = HomeAssistant.OFF;
        Map<String, Object> haMap = section(m, "homeAssistant", problems);
        if (haMap != null) {
            for (String key : new TreeSet<>(haMap.keySet())) {
                if (!Set.of("discovery", "prefix").contains(key)) {
                    problems.add("mqtt.homeAssistant." + key + ": unknown field (known: discovery, prefix)");
                }
            }
            boolean on = bool(haMap, "homeAssistant.discovery", "discovery", problems).orElse(false);
            String haPrefix = string(haMap, "prefix", "homeAssistant.prefix", problems).orElse("homeassistant");
            ha = new HomeAssistant(on, haPrefix);
        }
        int alerts = DEFAULT_ALERT_QUEUE;
        int events = DEFAULT_EVENT_QUEUE;
        Map<String, Object> q = section(m, "queue", problems);
        if (q != null) {
            for (String key : new TreeSet<>(q.keySet())) {
                if (!Set.of("alerts", "events").contains(key)) {
                    problems.add("mqtt.queue." + key + ": unknown field (known: alerts, events)");
                }
            }
            alerts = bounded(q, "alerts", 1, 1_000_000, problems).orElse(alerts);
            events = bounded(q, "events", 1, 1_000_000, problems).orElse(events);
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new MqttSettings(broker, url, port, caFile, secrets, clientCert, prefix, clientId, ha, alerts, events);
    }
}
