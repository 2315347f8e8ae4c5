package org.lockstep.controller.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its name keeps it out of {@code mvn verify}): the site-wide lockdown latency harness. Run with
 *
 * <pre>
 * mvn -q -B -pl hal,controller -am verify -Dtest=LockdownLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dlockstep.mqtt.broker=mosquitto] [-Dbench.controllers=10] [-Dbench.doors=30] [-Dbench.runs=200]
 * </pre>
 *
 * Measures, in one JVM against one broker, from the moment a console publishes a site LOCKDOWN to the moment the
 * console has received (a) every door's lock-commanded status and (b) every door's SECURED status. Doors have no bolt
 * monitor and a 1 ms actuation time, so SECURED follows the lock command after the loop's 1 ms timer: (b) − (a) is
 * that timer plus one more status message per door. In the same run, two baselines on the same broker: a bare
 * fan-out (one publish, N subscribers, time to the last receipt) and a fan-out with replies (each of the N
 * subscribers answers with one message per door, time to the console's last receipt) — the floor the controllers'
 * own work sits on.
 */
class LockdownLatencyBenchmark {
    static int prop(String name, int dflt) {
        return Integer.getInteger(name, dflt);
    }

    @Test
    void run() throws Exception {
        int controllers = prop("bench.controllers", 10);
        int doors = prop("bench.doors", 30);
        int runs = prop("bench.runs", 200);
        int warmup = prop("bench.warmup", 20);
        try (TestBroker broker = TestBroker.fromProperty()) {
            broker.start();
            long[][] lockdown = lockdown(broker, controllers, doors, runs, warmup);
            long[] fanOut = fanOut(broker, controllers, 0, runs, warmup);
            long[] fanOutReplies = fanOut(broker, controllers, doors, runs, warmup);
            System.out.printf(Locale.ROOT, "%n## %s, %d controllers x %d doors, %d runs (after %d warm-up), JDK %s%n%n",
                    broker.name(), controllers, doors, runs, warmup, Runtime.version());
            System.out.println("| measurement | p50 ms | p90 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|");
            row("site LOCKDOWN → last door lock-commanded (console)", lockdown[0]);
            row("site LOCKDOWN → last door SECURED (console)", lockdown[1]);
            row("baseline: 1 publish → " + controllers + " subscribers", fanOut);
            row("baseline: 1 publish → " + controllers + " subscribers → " + controllers * doors
                    + " replies at the console", fanOutReplies);
        }
    }

    static void row(String name, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", name, pct(s, 50), pct(s, 90), pct(s, 99),
                s[s.length - 1] / 1e6);
    }

    static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** @return [0] = to last lock-commanded, [1] = to last SECURED, per measured run, in ns */
    static long[][] lockdown(TestBroker broker, int controllers, int doors, int runs, int warmup) throws Exception {
        long[][] out = new long[2][runs];
        try (MqttFixture f = new MqttFixture(MqttFixture.site(controllers, doors, 3), broker.url())) {
            f.startAll();
            Topics t = f.topics();
            int total = controllers * doors;
            Map<String, Boolean> commanded = new ConcurrentHashMap<>();
            Map<String, Boolean> secured = new ConcurrentHashMap<>();
            Map<String, Boolean> unlocked = new ConcurrentHashMap<>();
            AtomicLong lastCommanded = new AtomicLong();
            AtomicLong lastSecured = new AtomicLong();
            MqttClient console = client(broker, "bench-console");
            console.setCallback(new Callback((topic, payload) -> {
                long now = System.nanoTime();
                String door = topic.substring(t.prefix().length() + "/door/".length(), topic.lastIndexOf('/'));
                if (payload.contains("\"lockCommanded\":true")) {
                    if (commanded.put(door, true) == null) {
                        lastCommanded.set(now);
                    }
                    if (payload.contains("\"status\":\"SECURED\"") && secured.put(door, true) == null) {
                        lastSecured.set(now);
                    }
                } else if (payload.contains("\"status\":\"UNLOCKED\"")) {
                    unlocked.put(door, true);
                }
            }));
            console.subscribe(t.prefix() + "/door/+/status", 1);
            TestClient.await(() -> f.running.stream().allMatch(c -> c.uplink.ready()),
                    java.time.Duration.ofSeconds(30), "controllers connected");
            TestClient.await(() -> unlocked.size() == total, java.time.Duration.ofSeconds(30), "initial picture");
            for (int i = 0; i < warmup + runs; i++) {
                commanded.clear();
                secured.clear();
                unlocked.clear();
                long t0 = System.nanoTime();
                console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "ld-" + i, "LOCKDOWN", "rivera")
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                TestClient.await(() -> secured.size() == total, java.time.Duration.ofSeconds(30), "all SECURED");
                if (i >= warmup) {
                    out[0][i - warmup] = lastCommanded.get() - t0;
                    out[1][i - warmup] = lastSecured.get() - t0;
                }
                unlocked.clear();
                console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "ac-" + i, "ALL_CLEAR", "rivera")
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                TestClient.await(() -> unlocked.size() == total, java.time.Duration.ofSeconds(30), "all UNLOCKED");
            }
            console.disconnect();
            console.close();
        }
        return out;
    }

    /** One publish to N subscribers; each answers with {@code replies} messages to the console (0 = none). */
    static long[] fanOut(TestBroker broker, int subscribers, int replies, int runs, int warmup) throws Exception {
        long[] out = new long[runs];
        String topic = "bench/fanout";
        List<MqttClient> subs = new ArrayList<>();
        AtomicLong received = new AtomicLong();
        AtomicLong last = new AtomicLong();
        int expected = replies == 0 ? subscribers : subscribers * replies;
        MqttClient console = client(broker, "bench-fan-console");
        console.setCallback(new Callback((tp, p) -> {
            received.incrementAndGet();
            last.set(System.nanoTime());
        }));
        console.subscribe("bench/reply/#", 1);
        for (int s = 0; s < subscribers; s++) {
            MqttClient c = client(broker, "bench-sub-" + s);
            int id = s;
            // Replies are handed to a thread: never publish from inside messageArrived (Paho deadlock).
            java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor();
            c.setCallback(new Callback((tp, p) -> {
                if (replies == 0) {
                    received.incrementAndGet();
                    last.set(System.nanoTime());
                } else {
                    ex.execute(() -> {
                        try {
                            for (int r = 0; r < replies; r++) {
                                c.getTopic("bench/reply/" + id + "/" + r).publish(p.getBytes(StandardCharsets.UTF_8),
                                        1, true);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
            }));
            c.subscribe(topic, 1);
            subs.add(c);
        }
        for (int i = 0; i < warmup + runs; i++) {
            received.set(0);
            long t0 = System.nanoTime();
            console.publish(topic, ("{\"run\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false);
            TestClient.await(() -> received.get() >= expected, java.time.Duration.ofSeconds(30), "fan-out");
            if (i >= warmup) {
                out[i - warmup] = last.get() - t0;
            }
        }
        for (MqttClient c : subs) {
            c.disconnect();
            c.close();
        }
        console.disconnect();
        console.close();
        return out;
    }

    static MqttClient client(TestBroker broker, String id) throws Exception {
        MqttClient c = new MqttClient(broker.url(), id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(MqttLimits.MAX_IN_FLIGHT);
        o.setSocketFactory(NoDelaySockets.plain());
        c.connect(o);
        return c;
    }

    record Callback(java.util.function.BiConsumer<String, String> onMessage) implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onMessage.accept(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
