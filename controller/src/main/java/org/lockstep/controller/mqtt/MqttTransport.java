package org.lockstep.controller.mqtt;

import java.util.List;
import java.util.Objects;

/**
 * A thin MQTT connection: publish, subscribe, and callbacks. The application-facing side (queues, republishing,
 * commands) is {@link MqttUplink}; this is only the protocol. {@link PahoMqttTransport} is the one implementation
 * and the one class that imports Paho.
 *
 * <p>Contract: {@link #setListener} before {@link #connect()} (Kura's lesson: a callback that arrives before its
 * listener is lost). Listener methods run on the transport's own threads and must return at once: never publish,
 * subscribe or wait from inside them — hand off.
 */
public interface MqttTransport extends AutoCloseable {

    /** A message as it arrived. {@code retained} is true when the broker delivered it from its retained store. */
    record Inbound(String topic, byte[] payload, boolean retained) {
        public Inbound {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
        }
    }

    interface Listener {
        /** Connected (first time or again). Subscriptions are gone after a clean-session reconnect: resubscribe. */
        void connected(boolean reconnect);

        void connectionLost(String detail);

        void messageArrived(Inbound message);
    }

    /** Called once a publish is acknowledged (QoS 1) or written (QoS 0), or failed. On a transport thread. */
    interface Delivery {
        void delivered();

        void failed(TransportException e);
    }

    void setListener(Listener listener);

    /** Starts connecting and returns at once; keeps retrying (first connect and after every loss) until closed. */
    void connect();

    boolean isConnected();

    /**
     * Non-blocking: hands the message to the client and returns.
     *
     * @throws TransportException if the client refused it now (not connected, too many in flight)
     */
    void publish(String topic, byte[] payload, int qos, boolean retained, Delivery delivery) throws TransportException;

    /** Blocks up to {@link MqttLimits#SUBSCRIBE_TIMEOUT_MS}: call it from your own thread, never from a callback. */
    void subscribe(List<String> filters, int qos) throws TransportException;

    /** Publishes {@code payload} retained on {@code topic} if connected (best effort), then disconnects. Idempotent. */
    void close(String topic, byte[] payload);

    @Override
    default void close() {
        close(null, null);
    }
}
