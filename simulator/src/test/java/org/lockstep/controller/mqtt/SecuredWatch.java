package org.lockstep.controller.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.paho.client.mqttv3.MqttClient;

/**
 * A plain Paho subscriber to every door's status ({@code <prefix>/door/+/status}, QoS 1, TCP_NODELAY as every
 * Lockstep client): for the page latency benchmark, the instant the last door of a lockdown arrived SECURED, and
 * whether every door is UNLOCKED again. The callback only records and notifies; the benchmark waits on this monitor
 * (never a busy poll: that would steal the CPU the run measures).
 */
final class SecuredWatch implements AutoCloseable {
    private final MqttClient client;
    private final String prefix;
    private final int doors;
    private final Set<String> secured = new HashSet<>();
    private final Set<String> unlocked = new HashSet<>();
    private long lastSecuredNs;

    SecuredWatch(TestBroker broker, String prefix, int doors) throws Exception {
        this.prefix = prefix;
        this.doors = doors;
        client = LockdownLatencyBenchmark.client(broker, "bench-page-watch");
        client.setCallback(new LockdownLatencyBenchmark.Callback(this::arrived));
        client.subscribe(prefix + "/door/+/status", 1);
    }

    private void arrived(String topic, byte[] payload) {
        long now = System.nanoTime();
        String door = topic.substring(prefix.length() + "/door/".length(), topic.lastIndexOf('/'));
        String text = new String(payload, StandardCharsets.UTF_8);
        synchronized (this) {
            if (text.contains("\"status\":\"SECURED\"")) {
                unlocked.remove(door);
                if (secured.add(door) && secured.size() == doors) {
                    lastSecuredNs = now;
                }
            } else if (text.contains("\"status\":\"UNLOCKED\"")) {
                secured.remove(door);
                unlocked.add(door);
            } else {
                secured.remove(door);
                unlocked.remove(door);
            }
            notifyAll();
        }
    }

    /** Forgets the last run: from now on, the next door to complete the set of SECURED is the one timed. */
    synchronized void arm() {
        secured.clear();
        lastSecuredNs = 0;
    }

    /** Waits until every door has arrived SECURED since {@link #arm()}; the nanoTime the last one arrived. */
    synchronized long awaitAllSecured(long timeoutMs) throws InterruptedException {
        await(() -> lastSecuredNs != 0, timeoutMs, "every door SECURED on MQTT");
        return lastSecuredNs;
    }

    synchronized void awaitAllUnlocked(long timeoutMs) throws InterruptedException {
        await(() -> unlocked.size() == doors, timeoutMs, "every door UNLOCKED on MQTT");
    }

    /** The publish the benchmark sends between runs (the signed ALL CLEAR); from this client, off its callback. */
    void publish(String topic, String payload) throws Exception {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private void await(java.util.function.BooleanSupplier done, long timeoutMs, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!done.getAsBoolean()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("waiting for " + what + ": " + secured.size() + " secured, " + unlocked.size()
                        + " unlocked of " + doors + " after " + timeoutMs + " ms");
            }
            wait(left);
        }
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
        client.close();
    }
}
