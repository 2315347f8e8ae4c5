package org.lockstep.controller.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Takes every publish and holds its acknowledgement until {@link #acknowledgeAll}. */
final class HeldTransport implements MqttTransport {
    record Sent(String topic, String payload) {}

    final List<Sent> sent = new ArrayList<>();
    final List<Delivery> held = new ArrayList<>();
    boolean connected;

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained, Delivery delivery) {
        sent.add(new Sent(topic, new String(payload, StandardCharsets.UTF_8)));
        held.add(delivery);
    }

    void acknowledgeAll() {
        List<Delivery> now = List.copyOf(held);
        held.clear();
        now.forEach(Delivery::delivered);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void setListener(Listener listener) {}

    @Override
    public void connect() {}

    @Override
    public void subscribe(List<String> filters, int qos) {}

    @Override
    public void close(String topic, byte[] payload) {}
}
