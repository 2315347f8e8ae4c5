package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.embeddedbroker.EmbeddedBroker;

/**
 * The Paho transport over a real (embedded) broker. Paho drops the whole connection when its message callback throws,
 * and on a clean session whatever was in flight is lost: a handler bug on one message must cost that message only.
 */
class PahoMqttTransportTest {
    static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void a_listener_that_throws_on_one_message_keeps_the_connection_and_gets_the_next() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(0).start();
                TestClient sender = new TestClient(broker.url(), "sender")) {
            PahoMqttTransport transport = new PahoMqttTransport(
                    MqttSettings.external("lockstep/test", URI.create(broker.url())), "c0", "lockstep/test/c0/online");
            Counting listener = new Counting();
            List<String> received = listener.received;
            AtomicInteger lost = listener.lost;
            AtomicInteger connects = listener.connects;
            transport.setListener(listener);
            try {
                transport.connect();
                TestClient.await(transport::isConnected, WAIT, "connected");
                transport.subscribe(List.of("t/#"), 1);
                sender.publish("t/x", "boom");
                sender.publish("t/x", "after");
                TestClient.await(() -> received.contains("after"), WAIT, "the message after the one that threw");
                assertEquals(0, lost.get(), "the connection was dropped because a handler threw");
                assertEquals(1, connects.get(), "connected once, never again");
            } finally {
                transport.close("lockstep/test/c0/online", new byte[0]);
            }
        }
    }

    /**
     * Paho ends its reconnect cycle for good when a timed attempt finds the client still disconnecting (it throws,
     * Paho logs at JUL FINE and schedules nothing). Here the cycle is stopped by hand the way Paho stops it; the
     * transport must restart it and be back on the broker once the broker is back.
     */
    @Test
    void a_reconnect_cycle_that_paho_let_die_is_restarted() throws Exception {
        int port = EmbeddedBroker.freePort();
        EmbeddedBroker broker = new EmbeddedBroker(port).start();
        PahoMqttTransport transport = new PahoMqttTransport(
                MqttSettings.external("lockstep/test", URI.create(broker.url())), "c0", "lockstep/test/c0/online");
        Counting listener = new Counting();
        AtomicInteger lost = listener.lost;
        AtomicInteger connects = listener.connects;
        transport.setListener(listener);
        try {
            transport.connect();
            TestClient.await(transport::isConnected, WAIT, "connected");
            broker.stop();
            TestClient.await(() -> lost.get() == 1, WAIT, "the loss seen");
            org.eclipse.paho.client.mqttv3.MqttAsyncClient paho = field(transport, "client");
            TestClient.await(() -> field(paho, "reconnectTimer") != null, WAIT, "Paho's reconnect cycle started");
            java.lang.reflect.Method stop = paho.getClass().getDeclaredMethod("stopReconnectCycle");
            stop.setAccessible(true);
            stop.invoke(paho); // what Paho's own failed attempt leaves: no timer, nothing scheduled
            broker = new EmbeddedBroker(port).start();
            // The listener hears of it too (the uplink resubscribes and republishes on that call).
            TestClient.await(() -> connects.get() == 2 && transport.isConnected(), Duration.ofSeconds(30),
                    "back on the broker");
        } finally {
            transport.close(null, null);
            broker.close();
        }
    }

    /**
     * Paho's connect once stayed "in progress" for good after a Mosquitto restart (every restart of the reconnect
     * cycle answered "Connect already in progress"). Here the client is left in that state the way it was found; the
     * transport must drop the hung connect and be back on the broker.
     */
    @Test
    void a_connect_that_hangs_in_progress_is_dropped_and_made_again() throws Exception {
        int port = EmbeddedBroker.freePort();
        EmbeddedBroker broker = new EmbeddedBroker(port).start();
        PahoMqttTransport transport = new PahoMqttTransport(
                MqttSettings.external("lockstep/test", URI.create(broker.url())), "c0", "lockstep/test/c0/online");
        Counting listener = new Counting();
        transport.setListener(listener);
        try {
            transport.connect();
            TestClient.await(transport::isConnected, WAIT, "connected");
            broker.stop();
            TestClient.await(() -> listener.lost.get() == 1, WAIT, "the loss seen");
            org.eclipse.paho.client.mqttv3.MqttAsyncClient paho = field(transport, "client");
            TestClient.await(() -> field(paho, "reconnectTimer") != null, WAIT, "Paho's reconnect cycle started");
            java.lang.reflect.Method stop = paho.getClass().getDeclaredMethod("stopReconnectCycle");
            stop.setAccessible(true);
            stop.invoke(paho);
            Object comms = field(paho, "comms");
            java.lang.reflect.Field state = comms.getClass().getDeclaredField("conState");
            state.setAccessible(true);
            state.setByte(comms, (byte) 1); // ClientComms.CONNECTING, with no connect behind it: hung
            broker = new EmbeddedBroker(port).start();
            TestClient.await(() -> listener.connects.get() == 2 && transport.isConnected(), Duration.ofSeconds(40),
                    "back on the broker");
        } finally {
            transport.close(null, null);
            broker.close();
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T field(Object owner, String name) {
        try {
            java.lang.reflect.Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return (T) f.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts connects and losses and keeps the bodies; a body "boom" throws, as a handler bug would. */
    static final class Counting implements MqttTransport.Listener {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger connects = new AtomicInteger();

        @Override
        public void connected(boolean reconnect) {
            connects.incrementAndGet();
        }

        @Override
        public void connectionLost(String detail) {
            lost.incrementAndGet();
        }

        @Override
        public void messageArrived(MqttTransport.Inbound message) {
            String body = new String(message.payload(), StandardCharsets.UTF_8);
            if (body.equals("boom")) {
                throw new IllegalStateException("a handler bug");
            }
            received.add(body);
        }
    }
}
