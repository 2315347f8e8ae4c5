package org.lockstep.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.pi4j.io.gpio.digital.DigitalState;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.shell.LoopInput;
import org.lockstep.embeddedbroker.EmbeddedBroker;

/**
 * Issue 8 §0 / issue 11 #2(c): the panic button and a valid LOCKDOWN while the command topic is flooded. Not a test
 * (no assertion on time): it prints a table and appends it to {@code bench/target/bench-results.md}.
 *
 * <p>Every 100 ms slot: (a) the panic button is pressed (a Pi4J mock edge, stamped just before) and the time to the
 * sixth lock-relay write is recorded; the site is cleared over the local lane; (b) a valid LOCKDOWN is published on
 * {@code cmd/site} by a console, and both the time from its arrival at the controller (decoded, offered to the network
 * lane) and from the publish to the sixth relay write are recorded; cleared again. A lockdown that has not driven every
 * relay in 10 s counts as missed. First a quiet phase, then the same with the flood running.
 */
class FloodBenchmark {
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int RATE = Integer.getInteger("bench.rate", 10_000);
    private static final long SLOT_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MISS_NS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path journalDir;

    private final AtomicInteger ids = new AtomicInteger();

    /** One phase's figures. */
    private record Phase(String name, Histogram panic, Histogram arrival, Histogram publish, int panicMissed,
            int lockdownMissed, long heapMaxBytes) {}

    /**
     * The least time from a release to the next press: the input's debounce is 20 ms, and a press sooner than that
     * after a release is a bounce (the button never counted as released), which fires nothing — rightly. When a slot
     * overruns on a loaded machine the next press would otherwise follow the release at once.
     */
    private static final long RELEASE_TO_PRESS_NS = TimeUnit.MILLISECONDS.toNanos(50);

    @Test
    void flood() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(0).start();
                BenchController c = new BenchController(journalDir, broker.url())) {
            MqttClient console = new MqttClient(broker.url(), "bench-console", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            console.connect(o);
            awaitConnected(c);
            String topic = Topics.of(c.settings).cmdSite();

            String load = loadAverage();
            run(c, console, topic, "warm-up", Math.min(5, SECONDS));
            Phase quiet = run(c, console, topic, "quiet", SECONDS);
            long refusedBefore = c.loop.requestsRefused();
            var countsBefore = c.loop.network().counts();
            long journalBefore = c.journal.lastSeq();
            Phase flood;
            long sent;
            try (Flood f = new Flood(broker.url(), topic, RATE).start()) {
                flood = run(c, console, topic, "flood " + RATE + "/s", SECONDS);
                sent = f.sent();
            }
            var counts = c.loop.network().counts();
            String notes = String.format("flood: %,d invalid commands sent in %d s; network lane admitted %,d, refused"
                    + " %,d (rate-limited %,d, unknown sources %,d, full %,d); core refused %,d; journal records %,d;"
                    + " inputs dropped by a failure %d; %s",
                    sent, SECONDS, counts.accepted() - countsBefore.accepted(),
                    counts.refused() - countsBefore.refused(), counts.rateLimited() - countsBefore.rateLimited(),
                    counts.unknownSourceLimited() - countsBefore.unknownSourceLimited(),
                    counts.full() - countsBefore.full(), c.loop.requestsRefused() - refusedBefore,
                    c.journal.lastSeq() - journalBefore, c.loop.droppedInputs(), memory());
            load += " / " + loadAverage();
            console.disconnect();
            console.close();
            report(quiet, flood, notes + "; load average before/after: " + load);
        }
    }

    private static void awaitConnected(BenchController c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.uplink.connected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(500); // subscriptions are made right after the connect, on the uplink's thread
    }

    /** Both measurements at once, each on its own thread and zone, for {@code seconds}. */
    private Phase run(BenchController c, MqttClient console, String topic, String name, int seconds)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Histogram arrival = new Histogram(3);
        Histogram publish = new Histogram(3);
        AtomicInteger mqttMissed = new AtomicInteger();
        String westTopic = Topics.of(c.settings).cmdZone("west");
        Thread mqtt = new Thread(() -> commands(c, console, westTopic, end, arrival, publish, mqttMissed),
                "bench-console");
        mqtt.start();
        Histogram panic = new Histogram(3);
        int missed = 0;
        long heapMax = 0;
        Runtime rt = Runtime.getRuntime();
        long slot = System.nanoTime();
        long releasedNs = 0;
        while (System.nanoTime() < end) {
            long sinceRelease = System.nanoTime() - releasedNs;
            if (sinceRelease < RELEASE_TO_PRESS_NS) {
                LockSupport.parkNanos(RELEASE_TO_PRESS_NS - sinceRelease);
            }
            int base = c.east.locks.get();
            long t0 = System.nanoTime();
            c.panic().mockState(DigitalState.LOW);
            if (await(c.east.locks, base + BenchController.DOORS_PER_ZONE)) {
                panic.recordValue(c.east.lastLockNs.get() - t0);
            } else {
                missed++;
            }
            c.panic().mockState(DigitalState.HIGH);
            releasedNs = System.nanoTime();
            clear(c, c.east, "east");
            heapMax = Math.max(heapMax, rt.totalMemory() - rt.freeMemory());
            slot = nextSlot(slot);
        }
        mqtt.join();
        return new Phase(name, panic, arrival, publish, missed, mqttMissed.get(), heapMax);
    }

    /** A valid LOCKDOWN of west over MQTT every slot; cleared over the local lane. */
    private void commands(BenchController c, MqttClient console, String topic, long end, Histogram arrival,
            Histogram publish, AtomicInteger missed) {
        long slot = System.nanoTime();
        while (System.nanoTime() < end) {
            int base = c.west.locks.get();
            long p0 = System.nanoTime();
            String id = "real-" + ids.incrementAndGet();
            try {
                console.publish(topic, ("{\"id\":\"" + id + "\",\"action\":\"LOCKDOWN\","
                        + "\"operator\":\"okafor\",\"reason\":\"bench\"}").getBytes(StandardCharsets.UTF_8), 1, false);
            } catch (Exception e) {
                throw new IllegalStateException("console publish failed", e);
            }
            if (await(c.west.locks, base + BenchController.DOORS_PER_ZONE)) {
                long locked = c.west.lastLockNs.get();
                arrival.recordValue(Math.max(0, locked - c.lastArrivalNs.get()));
                publish.recordValue(locked - p0);
            } else {
                missed.incrementAndGet();
            }
            clear(c, c.west, "west");
            slot = nextSlot(slot);
        }
    }

    private static long nextSlot(long slot) {
        long next = slot + SLOT_NS;
        long wait = next - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
            return next;
        }
        return System.nanoTime();
    }

    /** All clear of one zone over the local lane, then wait for its relays to be unlocked again. */
    private void clear(BenchController c, BenchController.Relays relays, String zone) {
        int base = relays.unlocks.get();
        c.loop.offer(new LoopInput.External(new Event.ModeRequested("clear-" + ids.incrementAndGet(), Mode.NORMAL,
                new Scope.Zone(zone), false, new Source.Operator("okafor"), "bench")));
        await(relays.unlocks, base + BenchController.DOORS_PER_ZONE);
    }

    private static boolean await(AtomicInteger counter, int target) {
        long deadline = System.nanoTime() + MISS_NS;
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(50_000);
        }
        return true;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static String memory() {
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            String rss = status.lines().filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("");
            return "JVM -Xmx" + System.getProperty("bench.xmx", "?") + ", " + rss;
        } catch (Exception e) {
            return "memory unknown: " + e;
        }
    }

    private static String row(String what, Histogram h) {
        return String.format("| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |", what, h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }

    private static void report(Phase quiet, Phase flood, String notes) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("\n| measurement | n | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n|---|---|---|---|---|---|---|\n");
        for (Phase p : new Phase[] {quiet, flood}) {
            b.append(row(p.name() + ": panic edge → last relay write", p.panic())).append('\n');
            b.append(row(p.name() + ": LOCKDOWN arrival → last relay write", p.arrival())).append('\n');
            b.append(row(p.name() + ": LOCKDOWN publish → last relay write", p.publish())).append('\n');
        }
        b.append("\nmissed (no full lockdown within 10 s), panic/LOCKDOWN: quiet ").append(quiet.panicMissed())
                .append('/').append(quiet.lockdownMissed()).append(", flood ").append(flood.panicMissed()).append('/')
                .append(flood.lockdownMissed()).append("; max heap used: quiet ").append(quiet.heapMaxBytes() >> 20)
                .append(" MiB, flood ").append(flood.heapMaxBytes() >> 20).append(" MiB\n").append(notes).append('\n');
        System.out.println(b);
        Files.writeString(Path.of("target/bench-results.md"), b, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
