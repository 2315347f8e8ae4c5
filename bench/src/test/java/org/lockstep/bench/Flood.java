package org.lockstep.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A student's laptop: invalid commands on the site command topic at a fixed rate (QoS 0), in four shapes that cycle:
 * <ol>
 *   <li>an unknown action (the decoder refuses it cheaply);</li>
 *   <li>a wrongly typed field, {@code "drill": "yes"} (the decoder refuses it);</li>
 *   <li>a LOCKDOWN from a made-up operator, a new one each time (reaches the network lane under a made-up source key;
 *       the core refuses "unknown operator");</li>
 *   <li>a LOCKDOWN from {@code chen}, who may only run drills (reaches the lane under a known key; the core refuses
 *       "may not start").</li>
 * </ol>
 * Once commands are signed (branch trust), shapes 3 and 4 will be refused at the boundary instead; both exist today.
 */
final class Flood implements AutoCloseable {
    private final MqttClient client;
    private final String topic;
    private final int perSecond;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long sent;
    private volatile long failed;

    Flood(String brokerUrl, String topic, int perSecond) throws MqttException {
        this.client = new MqttClient(brokerUrl, "bench-flood", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(65_535);
        client.connect(o);
        this.topic = topic;
        this.perSecond = perSecond;
        this.thread = new Thread(this::run, "bench-flood");
        this.thread.setDaemon(true);
    }

    Flood start() {
        thread.start();
        return this;
    }

    static byte[] payload(long n) {
        String s = switch ((int) (n % 4)) {
            case 0 -> "{\"id\":\"fx" + n + "\",\"action\":\"EXPLODE\",\"operator\":\"okafor\"}";
            case 1 -> "{\"id\":\"fx" + n + "\",\"action\":\"LOCKDOWN\",\"operator\":\"okafor\",\"drill\":\"yes\"}";
            case 2 -> "{\"id\":\"fx" + n + "\",\"action\":\"LOCKDOWN\",\"operator\":\"ghost" + n + "\"}";
            default -> "{\"id\":\"fx" + n + "\",\"action\":\"LOCKDOWN\",\"operator\":\"chen\"}";
        };
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void run() {
        long start = System.nanoTime();
        long n = 0;
        while (running) {
            long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
            while (n < due && running) {
                try {
                    client.publish(topic, payload(n), 0, false);
                    sent++;
                } catch (MqttException e) {
                    failed++;
                }
                n++;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    long sent() {
        return sent;
    }

    long failed() {
        return failed;
    }

    @Override
    public void close() throws MqttException {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.disconnect();
        client.close();
    }
}
