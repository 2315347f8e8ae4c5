package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.lockstep.controller.config.MqttSettings;
import org.tinylog.Logger;

/**
 * The only class that imports Paho (mqttv3 1.2.5, no longer released). Each of its known pitfalls is handled here on
 * purpose:
 * <ul>
 *   <li>{@link MemoryPersistence}: the short constructors write {@code MqttDefaultFilePersistence} into the working
 *       directory, and an old command must never replay after a restart;</li>
 *   <li>max in-flight raised from 10 to {@link MqttLimits#MAX_IN_FLIGHT} (error 32202 otherwise);</li>
 *   <li>automatic reconnect with a capped backoff, plus our own retry of the first connect (Paho only reconnects after
 *       a first success), plus a watchdog that restarts Paho's reconnect cycle when it has died: Paho ends the cycle
 *       for good, logging only at JUL FINE, when a timed attempt finds the client still disconnecting; clean session, so the uplink resubscribes on every connect — on its own thread, because
 *       the listener is told from Paho's callback thread;</li>
 *   <li>nothing is published or waited on inside Paho's callbacks: the listener hands off;</li>
 *   <li>TCP_NODELAY through {@link NoDelaySockets} (Nagle costs ~40-65 ms per exchange);</li>
 *   <li>last will {@code offline}, retained, QoS 1, on the availability topic.</li>
 * </ul>
 * Paho's {@link MqttException}s become {@link TransportException}s that say whether to retry.
 */
public final class PahoMqttTransport implements MqttTransport {
    private final MqttSettings settings;
    /** The broker login: names the secrets file and client certificate ({@code {client}} in their templates). */
    private final String account;
    private final String clientId;
    private final String willTopic;
    private final byte[] willPayload;
    private final MqttAsyncClient client;
    private final ScheduledExecutorService retry;
    private volatile Listener listener;
    private volatile boolean closed;
    private long nextRetryMs = MqttLimits.FIRST_CONNECT_RETRY_MS;
    private boolean everConnected;
    /** When the connection was lost (monotonic ms), 0 while connected or before the first connect. */
    private volatile long lostAtMs;
    private volatile long lastKickMs;
    private boolean stallReported;
    /** Consecutive restarts refused with "connect in progress"; only the retry thread touches it. */
    private int hungConnects;

    /**
     * @param controllerId the controller id, or the tool's name ({@code audit}): it names the client and its secrets
     * @param willTopic where {@code offline} is left (retained) if this client vanishes
     * @throws MqttSecrets.Unusable if the site uses broker accounts and this client's secrets file is missing, open to
     *     others or malformed: a controller refuses to start with a password anyone can read
     */
    public PahoMqttTransport(MqttSettings settings, String controllerId, String willTopic) {
        this(settings, controllerId, willTopic, "offline".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A client whose last will is {@code willPayload} (retained) on {@code willTopic}: the console leaves a "not live"
     * site summary there.
     */
    public PahoMqttTransport(MqttSettings settings, String controllerId, String willTopic, byte[] willPayload) {
        this(settings, controllerId, controllerId, willTopic, willPayload);
    }

    /**
     * A client that logs in as {@code account} (its secrets file and client certificate) under its own client name:
     * several consoles share one broker account, and the broker drops an older session with the same client id.
     */
    public PahoMqttTransport(MqttSettings settings, String account, String clientName, String willTopic,
            byte[] willPayload) {
        this.willPayload = willPayload.clone();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.account = Objects.requireNonNull(account, "account");
        this.clientId = settings.clientIdFor(clientName);
        this.willTopic = Objects.requireNonNull(willTopic, "willTopic");
        settings.secretsFor(account).ifPresent(MqttSecrets::read);
        try {
            this.client = new MqttAsyncClient(settings.url().toString(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt.url: " + e.getMessage(), e);
        }
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lockstep-mqtt-connect-" + clientName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                lostAtMs = 0;
                listener.connected(reconnect);
            }

            @Override
            public void connectionLost(Throwable cause) {
                lostAtMs = nowMs();
                lastKickMs = lostAtMs;
                listener.connectionLost(cause == null ? "connection lost" : String.valueOf(cause.getMessage()));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    listener.messageArrived(new Inbound(topic, message.getPayload(), message.isRetained()));
                } catch (RuntimeException e) {
                    // Paho drops the whole connection when this callback throws (and loses what was in flight on a
                    // clean session): one bad message must cost that message only, and be seen.
                    Logger.error(e, "mqtt {}: handling a message on {} failed; message dropped", clientId,
                            topic.length() > 200 ? topic.substring(0, 200) + "…" : topic);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Each publish has its own action listener.
            }
        });
    }

    @Override
    public void connect() {
        if (listener == null) {
            throw new IllegalStateException("setListener before connect: callbacks before it would be lost");
        }
        retry.execute(this::attempt);
        retry.scheduleWithFixedDelay(this::watchReconnect, MqttLimits.RECONNECT_WATCH_MS,
                MqttLimits.RECONNECT_WATCH_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Restarts Paho's reconnect cycle if the connection has been down for {@link MqttLimits#RECONNECT_STALL_MS} since
     * the loss or the last restart. A controller once stayed off the broker after a Mosquitto restart (1 run in 5 of
     * MqttUplinkTest under load) with Paho silent: its timed attempt had met a client still disconnecting, which
     * throws, and Paho then schedules nothing more. Runs on the retry thread.
     */
    private void watchReconnect() {
        long lost = lostAtMs;
        if (closed || lost == 0 || client.isConnected()) {
            return;
        }
        long now = nowMs();
        if (now - lastKickMs < MqttLimits.RECONNECT_STALL_MS) {
            return;
        }
        lastKickMs = now;
        try {
            client.reconnect();
            hungConnects = 0;
            if (!stallReported) {
                stallReported = true; // once per process: the broker may be down for hours
                Logger.warn("mqtt {}: still off the broker {} ms after the loss; restarted the reconnect cycle",
                        clientId, now - lost);
            }
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_CONNECT_IN_PROGRESS && ++hungConnects >= 2) {
                dropHungConnect(now - lost);
            } else {
                // Still disconnecting, or a connect just begun: the next tick tries again.
                Logger.debug("mqtt {}: reconnect restart: {}", clientId, e.getMessage());
            }
        }
    }

    /**
     * A connect "in progress" across two restarts, far past its own timeout, has hung: Paho's connect after a
     * Mosquitto restart once stayed in progress for good (c0 never back, 1 run in 8). Drop it and start again.
     */
    private void dropHungConnect(long offMs) {
        hungConnects = 0;
        Logger.warn("mqtt {}: a connect has been in progress for over {} ms, {} ms after the loss; dropping it and "
                + "connecting again", clientId, 2 * MqttLimits.RECONNECT_STALL_MS, offMs);
        try {
            client.disconnectForcibly(0, 0, false);
            client.reconnect();
        } catch (MqttException again) {
            Logger.debug("mqtt {}: after dropping a hung connect: {}", clientId, again.getMessage());
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    private MqttConnectOptions options() throws IOException, GeneralSecurityException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(MqttLimits.MAX_RECONNECT_DELAY_MS);
        o.setMaxInflight(MqttLimits.MAX_IN_FLIGHT);
        o.setConnectionTimeout(MqttLimits.CONNECT_TIMEOUT_S);
        o.setKeepAliveInterval(MqttLimits.KEEP_ALIVE_S);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setWill(willTopic, willPayload, 1, true);
        o.setSocketFactory(settings.tls() ? NoDelaySockets.tls(sslFactory()) : NoDelaySockets.plain());
        // Read again at every connect: a rotated password takes effect without a restart.
        Optional<Path> secretsFile = settings.secretsFor(account);
        if (secretsFile.isPresent()) {
            MqttSecrets secrets = MqttSecrets.read(secretsFile.get());
            o.setUserName(secrets.username());
            o.setPassword(secrets.password());
        }
        return o;
    }

    private SSLSocketFactory sslFactory() throws IOException, GeneralSecurityException {
        KeyManager[] keys = settings.clientCert().isEmpty() ? null
                : PemKeys.keyManagers(settings.clientCert().get().certFor(account),
                        settings.clientCert().get().keyFor(account));
        TrustManager[] trust = settings.caFile().isEmpty() ? null : PemKeys.trustManagers(settings.caFile().get());
        if (keys == null && trust == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        // Paho checks the broker's host name against its certificate (HTTPS identification) by default.
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, trust, null);
        return ctx.getSocketFactory();
    }

    /** One attempt at the first connect; on failure, another after a doubling delay. Runs on the retry thread. */
    private void attempt() {
        if (closed) {
            return;
        }
        MqttConnectOptions o;
        try {
            o = options();
        } catch (IOException | GeneralSecurityException | MqttSecrets.Unusable e) {
            // A secrets file gone or opened up since start, or a bad CA file: loud, and retried (it may be fixed).
            Logger.error("mqtt {}: cannot prepare the connection: {}", clientId, e.getMessage());
            scheduleRetry();
            return;
        }
        try {
            client.connect(o, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    synchronized (PahoMqttTransport.this) {
                        everConnected = true;
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    TransportException t = translate(e);
                    Logger.warn("mqtt {}: connect to {} failed: {}", clientId, settings.url(), t.getMessage());
                    scheduleRetry();
                }
            });
        } catch (MqttException e) {
            TransportException t = translate(e);
            if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_CONNECTED
                    || e.getReasonCode() == MqttException.REASON_CODE_CONNECT_IN_PROGRESS) {
                return;
            }
            Logger.warn("mqtt {}: connect failed: {}", clientId, t.getMessage());
            scheduleRetry();
        }
    }

    private synchronized void scheduleRetry() {
        if (closed || everConnected) {
            return; // after a first success, Paho's automatic reconnect takes over
        }
        long delay = nextRetryMs;
        nextRetryMs = Math.min(nextRetryMs * 2, MqttLimits.FIRST_CONNECT_RETRY_MAX_MS);
        try {
            retry.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained, Delivery delivery)
            throws TransportException {
        try {
            client.publish(topic, payload, qos, retained, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    delivery.delivered();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    delivery.failed(translate(e));
                }
            });
        } catch (MqttException e) {
            throw translate(e);
        }
    }

    @Override
    public void subscribe(List<String> filters, int qos) throws TransportException {
        if (filters.isEmpty()) {
            return;
        }
        int[] qosArray = new int[filters.size()];
        Arrays.fill(qosArray, qos);
        try {
            IMqttToken token = client.subscribe(filters.toArray(String[]::new), qosArray);
            token.waitForCompletion(MqttLimits.SUBSCRIBE_TIMEOUT_MS);
            int[] granted = token.getGrantedQos();
            for (int i = 0; granted != null && i < granted.length; i++) {
                if (granted[i] == 0x80) {
                    throw new TransportException(TransportException.Kind.REFUSED,
                            "broker refused the subscription to " + filters.get(Math.min(i, filters.size() - 1)),
                            null);
                }
            }
        } catch (MqttException e) {
            throw translate(e);
        }
    }

    @Override
    public void close(String topic, byte[] payload) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        retry.shutdownNow();
        try {
            if (client.isConnected()) {
                if (topic != null) {
                    // A clean disconnect does not fire the last will: say offline ourselves.
                    client.publish(topic, payload, 1, true).waitForCompletion(1_000);
                }
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            Logger.debug("mqtt {}: disconnect: {}", clientId, e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            Logger.debug("mqtt {}: close: {}", clientId, e.getMessage());
        }
    }

    /** Kills the connection without a clean disconnect (tests: the broker sees the last will). */
    void closeAbruptly() {
        closed = true;
        retry.shutdownNow();
        try {
            client.disconnectForcibly(0, 0, false);
            client.close(true);
        } catch (MqttException e) {
            Logger.debug("mqtt {}: forced close: {}", clientId, e.getMessage());
        }
    }

    static TransportException translate(Throwable t) {
        if (t instanceof TransportException te) {
            return te;
        }
        if (!(t instanceof MqttException e)) {
            return new TransportException(TransportException.Kind.TRANSIENT, String.valueOf(t), t);
        }
        TransportException.Kind kind = switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_CLIENT_NOT_CONNECTED, MqttException.REASON_CODE_CONNECTION_LOST,
                    MqttException.REASON_CODE_CLIENT_DISCONNECTING, MqttException.REASON_CODE_SERVER_CONNECT_ERROR,
                    MqttException.REASON_CODE_BROKER_UNAVAILABLE, MqttException.REASON_CODE_CONNECT_IN_PROGRESS ->
                    TransportException.Kind.NOT_CONNECTED;
            case MqttException.REASON_CODE_MAX_INFLIGHT, MqttException.REASON_CODE_DISCONNECTED_BUFFER_FULL ->
                    TransportException.Kind.BUSY;
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED,
                    MqttException.REASON_CODE_INVALID_CLIENT_ID, MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION,
                    MqttException.REASON_CODE_SOCKET_FACTORY_MISMATCH, MqttException.REASON_CODE_SSL_CONFIG_ERROR ->
                    TransportException.Kind.REFUSED;
            case MqttException.REASON_CODE_CLIENT_CLOSED -> TransportException.Kind.CLOSED;
            default -> TransportException.Kind.TRANSIENT;
        };
        String detail = e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
        return new TransportException(kind, "paho " + e.getReasonCode() + ": " + detail, e);
    }
}
