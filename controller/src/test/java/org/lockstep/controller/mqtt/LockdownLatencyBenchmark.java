package org.lockstep.controller.mqtt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its name keeps it out of {@code mvn verify}): the building-wide lockdown latency harness (issue 11 §3,
 * docs/PERFORMANCE.md "Building-wide lockdown against the floor"). Run with
 *
 * <pre>
 * mvn -B -pl hal,controller -am verify -Dtest=LockdownLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.controllers=50 -Dbench.doors=40 [-Dbench.runs=100] [-Dbench.warmup=20] \
 *     [-Dbench.zones=3] [-Dlockstep.mqtt.broker=mosquitto|embedded]
 * </pre>
 *
 * One JVM, one broker (Mosquitto in its own process by default, with the queue and in-flight limits {@code lockstep
 * provision} writes for a site of this shape and {@code set_tcp_nodelay true}). Real controllers ({@link MqttFixture}:
 * {@code LockdownMachine}, {@code ControllerLoop} on its {@code LoopThread}, {@code MemoryJournal}, {@code MqttUplink}
 * over {@code PahoMqttTransport}); doors with no bolt monitor and the shortest actuation the site file accepts (1 ms).
 * Each run, t0 = just before the console's LOCKDOWN publish (QoS 1, {@code cmd/site}):
 * <ul>
 *   <li><b>relays</b>: the last lock-relay write of the whole site (stamped in-JVM by the fixture's relay port);</li>
 *   <li><b>lock-commanded</b> / <b>SECURED</b>: the console's receipt of the last door's first status with
 *       {@code lockCommanded:true} / its SECURED status;</li>
 *   <li>then, interleaved in the same run, <b>the floor</b>: bare Paho clients, one per controller, the same message
 *       pattern with no controller logic: one QoS 1 publish to all of them (→ the last subscriber's receipt), each
 *       answering with one retained QoS 1 message per door, of a door status's size, to one console (→ its last
 *       receipt).</li>
 * </ul>
 * All clients with TCP_NODELAY and in-flight {@link MqttLimits#MAX_IN_FLIGHT}.
 */
class LockdownLatencyBenchmark {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void run() throws Exception {
        int controllers = Integer.getInteger("bench.controllers", 10);
        int doors = Integer.getInteger("bench.doors", 30);
        int runs = Integer.getInteger("bench.runs", 100);
        int warmup = Integer.getInteger("bench.warmup", 20);
        // Zones span every controller; each controller publishes one signed zone mode per zone that every other reads.
        int zones = Integer.getInteger("bench.zones", 3);
        String load0 = Files.readString(Path.of("/proc/loadavg")).trim();
        long start = System.currentTimeMillis();
        try (TestBroker broker = broker(controllers, doors, zones);
                MqttFixture f = new MqttFixture(MqttFixture.site(controllers, doors, zones), broker.url())) {
            Samples s = new Samples(runs);
            Lockdowns lockdowns = new Lockdowns(f, broker);
            Floor floor = new Floor(broker, controllers, doors, lockdowns.statusBytes());
            for (int i = 0; i < warmup + runs; i++) {
                int at = i - warmup;
                lockdowns.once(i, at < 0 ? null : s, at);
                floor.once(i, at < 0 ? null : s, at);
            }
            floor.close();
            lockdowns.close();
            String load1 = Files.readString(Path.of("/proc/loadavg")).trim();
            System.out.printf(Locale.ROOT, "%n## %s, %d controllers x %d doors (%d zones), %d runs (after %d warm-up),"
                    + " JDK %s, %.0f s%n%nload before: %s; after: %s%n%n", broker.name(), controllers, doors, zones,
                    runs, warmup, Runtime.version(), (System.currentTimeMillis() - start) / 1e3, load0, load1);
            System.out.println("| measurement | p50 ms | p90 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|");
            row("LOCKDOWN publish → last lock relay written (in-JVM, " + controllers * doors + " relays)", s.relays);
            row("LOCKDOWN publish → last door lock-commanded (console)", s.commanded);
            row("LOCKDOWN publish → last door SECURED (console)", s.secured);
            row("floor: 1 publish → " + controllers + " subscribers", s.fanOut);
            row("floor: 1 publish → " + controllers + " subscribers → " + controllers * doors
                    + " retained QoS 1 at the console", s.floor);
            System.out.printf(Locale.ROOT, "%nratio SECURED / floor: p50 %.2f, p99 %.2f (target p99 ≤ 1.5)%n",
                    pct(s.secured, 50) / pct(s.floor, 50), pct(s.secured, 99) / pct(s.floor, 99));
            System.out.printf(Locale.ROOT, "ratio lock-commanded / floor: p50 %.2f, p99 %.2f%n",
                    pct(s.commanded, 50) / pct(s.floor, 50), pct(s.commanded, 99) / pct(s.floor, 99));
        }
    }

    /** Per measured run, ns from t0. */
    record Samples(long[] relays, long[] commanded, long[] secured, long[] fanOut, long[] floor) {
        Samples(int runs) {
            this(new long[runs], new long[runs], new long[runs], new long[runs], new long[runs]);
        }
    }

    /**
     * Mosquitto sized as {@code lockstep provision} sizes a site's broker ({@code MosquittoConf}: 3 × the site's
     * picture queued per client, 2 KiB each, 1,000 in flight); or the embedded broker.
     */
    static TestBroker broker(int controllers, int doors, int zones) {
        String kind = System.getProperty("lockstep.mqtt.broker", "mosquitto");
        int queued = Math.max(1_000, 3 * (controllers * doors + controllers * (zones + 2)));
        TestBroker b = kind.equals("mosquitto") ? new TestBroker.Mosquitto(List.of("max_queued_messages " + queued,
                "max_queued_bytes " + queued * 2048L, "max_inflight_messages 1000")) : TestBroker.fromProperty();
        b.start();
        return b;
    }

    static void row(String name, long[] nanos) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", name, pct(nanos, 50), pct(nanos, 90),
                pct(nanos, 99), pct(nanos, 100));
    }

    /** Nearest-rank percentile in ms. */
    static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, i)] / 1e6;
    }

    /** The real site: a console that commands LOCKDOWN and ALL CLEAR and reads every door's status. */
    static final class Lockdowns {
        private final MqttFixture f;
        private final Topics t;
        private final int total;
        private final MqttClient console;
        private final Map<String, Boolean> commanded = new ConcurrentHashMap<>();
        private final Map<String, Boolean> secured = new ConcurrentHashMap<>();
        private final Map<String, Boolean> unlocked = new ConcurrentHashMap<>();
        private final AtomicLong lastCommanded = new AtomicLong();
        private final AtomicLong lastSecured = new AtomicLong();
        private final AtomicInteger statusBytes = new AtomicInteger();

        Lockdowns(MqttFixture f, TestBroker broker) throws Exception {
            this.f = f;
            this.t = f.topics();
            f.startAll();
            total = f.site.doors().size();
            console = client(broker, "bench-console");
            console.setCallback(new Callback((topic, payload) -> {
                long now = System.nanoTime();
                String door = topic.substring(t.prefix().length() + "/door/".length(), topic.lastIndexOf('/'));
                String text = new String(payload, StandardCharsets.UTF_8);
                if (text.contains("\"lockCommanded\":true")) {
                    if (commanded.put(door, true) == null) {
                        lastCommanded.set(now);
                    }
                    if (text.contains("\"status\":\"SECURED\"") && secured.put(door, true) == null) {
                        statusBytes.set(payload.length);
                        lastSecured.set(now);
                    }
                } else if (text.contains("\"status\":\"UNLOCKED\"")) {
                    unlocked.put(door, true);
                }
            }));
            console.subscribe(t.prefix() + "/door/+/status", 1);
            TestClient.await(() -> f.running.stream().allMatch(c -> c.uplink.ready()), WAIT, "controllers connected");
            TestClient.await(() -> unlocked.size() == total, WAIT, "initial picture");
            // One lockdown to learn a SECURED status's size, for the floor's messages.
            once(-1, null, 0);
        }

        int statusBytes() {
            return statusBytes.get();
        }

        void once(int i, Samples s, int at) throws Exception {
            commanded.clear();
            secured.clear();
            f.running.forEach(r -> r.locksDriven.set(0));
            int doorsEach = total / f.running.size();
            long t0 = System.nanoTime();
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "ld-" + i, "LOCKDOWN", "rivera")
                    .getBytes(StandardCharsets.UTF_8), 1, false);
            TestClient.await(() -> secured.size() == total
                    && f.running.stream().allMatch(r -> r.locksDriven.get() >= doorsEach), WAIT, "all SECURED");
            if (s != null) {
                s.relays[at] = f.running.stream().mapToLong(r -> r.lastLockNanos.get()).max().orElseThrow() - t0;
                s.commanded[at] = lastCommanded.get() - t0;
                s.secured[at] = lastSecured.get() - t0;
            }
            unlocked.clear();
            console.publish(t.cmdSite(), MqttFixture.command(t.cmdSite(), "ac-" + i, "ALL_CLEAR", "rivera")
                    .getBytes(StandardCharsets.UTF_8), 1, false);
            TestClient.await(() -> unlocked.size() == total, WAIT, "all UNLOCKED");
        }

        void close() throws Exception {
            console.disconnect();
            console.close();
        }
    }

    /** The floor: bare Paho clients, one per controller, and one console; no controller logic at all. */
    static final class Floor {
        private static final String TOPIC = "bench/fanout";
        private final List<MqttClient> subs = new ArrayList<>();
        private final List<ExecutorService> senders = new ArrayList<>();
        private final MqttClient console;
        private final AtomicInteger subReceived = new AtomicInteger();
        private final AtomicLong lastSub = new AtomicLong();
        private final AtomicInteger consoleReceived = new AtomicInteger();
        private final AtomicLong lastConsole = new AtomicLong();
        private final int expected;

        Floor(TestBroker broker, int subscribers, int replies, int payloadBytes) throws Exception {
            expected = subscribers * replies;
            console = client(broker, "bench-floor-console");
            console.setCallback(new Callback((tp, p) -> {
                lastConsole.set(System.nanoTime());
                consoleReceived.incrementAndGet();
            }));
            console.subscribe("bench/reply/#", 1);
            byte[] status = new byte[Math.max(1, payloadBytes)];
            Arrays.fill(status, (byte) 'x');
            for (int n = 0; n < subscribers; n++) {
                MqttClient c = client(broker, "bench-floor-" + n);
                int id = n;
                // Replies from a thread of their own: never publish from inside messageArrived (Paho deadlock).
                ExecutorService ex = Executors.newSingleThreadExecutor();
                c.setCallback(new Callback((tp, p) -> {
                    lastSub.set(System.nanoTime());
                    subReceived.incrementAndGet();
                    ex.execute(() -> {
                        try {
                            for (int r = 0; r < replies; r++) {
                                c.getTopic("bench/reply/" + id + "/" + r).publish(status, 1, true);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }));
                c.subscribe(TOPIC, 1);
                subs.add(c);
                senders.add(ex);
            }
        }

        void once(int i, Samples s, int at) throws Exception {
            subReceived.set(0);
            consoleReceived.set(0);
            long t0 = System.nanoTime();
            console.publish(TOPIC, ("{\"run\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false);
            TestClient.await(() -> subReceived.get() >= subs.size() && consoleReceived.get() >= expected, WAIT,
                    "floor");
            if (s != null) {
                s.fanOut[at] = lastSub.get() - t0;
                s.floor[at] = lastConsole.get() - t0;
            }
        }

        void close() throws Exception {
            for (MqttClient c : subs) {
                c.disconnect();
                c.close();
            }
            senders.forEach(ExecutorService::shutdownNow);
            console.disconnect();
            console.close();
        }
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

    record Callback(java.util.function.BiConsumer<String, byte[]> onMessage) implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onMessage.accept(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
