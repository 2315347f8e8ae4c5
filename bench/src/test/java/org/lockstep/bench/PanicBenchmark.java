package org.lockstep.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.shell.LoopInput;

/**
 * Issue 11 #2: panic edge → last relay write in one 64-door controller ({@link BigController}: real drivers, loop
 * thread, file journal, MQTT uplink publishing to a real broker). Not a test (no assertion on time): it prints a table
 * and appends it to {@code bench/target/bench-results.md}.
 *
 * <p>Each lockdown: the panic input goes low (stamped just before the Pi4J mock edge); the figure is the time to the
 * 64th lock-relay write (stamped after the Pi4J write returned; the button locks down the whole site). Then the button
 * is released, the site cleared over the local lane, and the next press waits for the 64 unlocks and the button's
 * debounce. Phases, {@code bench.lockdowns} each: quiet; 64 contacts chattering at {@code bench.chatter} edges/s in
 * total; {@code bench.rate} invalid commands/s on {@code cmd/site} ({@link Flood}); quiet again with every journal
 * fsync slowed by {@code bench.fsyncMs} (if the relay drive waited for the fsync of its own step, this phase's p50
 * would be that much later).
 */
class PanicBenchmark {
    private static final int LOCKDOWNS = Integer.getInteger("bench.lockdowns", 2_000);
    private static final int FSYNC_LOCKDOWNS = Integer.getInteger("bench.fsyncLockdowns", 1_000);
    private static final int WARMUP = Integer.getInteger("bench.warmupLockdowns", 500);
    private static final int CHATTER = Integer.getInteger("bench.chatter", 10_000);
    private static final int RATE = Integer.getInteger("bench.rate", 10_000);
    private static final long FSYNC_MS = Long.getLong("bench.fsyncMs", 20);
    private static final boolean QUIET_ONLY = Boolean.getBoolean("bench.quietOnly");
    /** Which of the phases after the warm-up run (default all): quiet, chatter, flood, fsync; e.g. "flood". */
    private static final Set<String> PHASES =
            Set.of(System.getProperty("bench.phases", "quiet,chatter,flood,fsync").split(","));
    /**
     * More pause before each quiet press (default 0: the next press follows the unlocks at once, while the previous
     * clear's statuses are still being published). A press in a school comes to an idle box: on one Pi-class core the
     * two differ (docs/PERFORMANCE.md, "A Pi-class core").
     */
    private static final long QUIET_SETTLE_MS = Long.getLong("bench.quietSettleMs", 0);
    /** Idle time before each press in the chatter and flood phases too (the chatter or flood goes on meanwhile). */
    private static final long SETTLE_MS = Long.getLong("bench.settleMs", 0);
    /** The button's debounce: the press is seen at once (leading edge); the next press must wait for two windows. */
    private static final long PANIC_DEBOUNCE_MS = 2;
    /** As the shipped site files' door contacts. */
    private static final long CONTACT_DEBOUNCE_MS = 20;
    private static final long MISS_NS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path journalDir;

    private int clears;

    private record Phase(String name, Histogram panic, Histogram first, int missed, String notes) {}

    @Test
    void panic() throws Exception {
        try (BenchBroker broker = BenchBroker.fromProperty();
                BigController c = new BigController(journalDir, broker.url(), PANIC_DEBOUNCE_MS,
                        CONTACT_DEBOUNCE_MS)) {
            awaitConnected(c);
            List<Phase> phases = new ArrayList<>();
            run(c, "warm-up", WARMUP, 0);
            if (PHASES.contains("quiet")) {
                phases.add(run(c, QUIET_SETTLE_MS == 0 ? "quiet" : "quiet, " + QUIET_SETTLE_MS
                        + " ms idle before each press", LOCKDOWNS, QUIET_SETTLE_MS));
            }
            if (QUIET_ONLY) { // e.g. under a CPU quota (a Pi-class core): the quiet figure alone
                report(broker.name(), phases, c);
                return;
            }
            if (PHASES.contains("chatter")) {
                try (Chatter ch = new Chatter(c, CHATTER).start()) {
                    Phase p = run(c, "64 contacts chattering, " + CHATTER + " edges/s" + settled(), LOCKDOWNS,
                            SETTLE_MS);
                    phases.add(new Phase(p.name(), p.panic(), p.first(), p.missed(), p.notes() + "; " + ch.sent()
                            + " contact edges sent"));
                }
            }
            if (PHASES.contains("flood")) {
                try (Flood f = new Flood(broker.url(), Topics.of(c.settings).cmdSite(), RATE).start()) {
                    Phase p = run(c, "flood " + RATE + " invalid commands/s" + settled(), LOCKDOWNS, SETTLE_MS);
                    var n = c.loop.network().counts();
                    phases.add(new Phase(p.name(), p.panic(), p.first(), p.missed(), p.notes() + "; " + f.sent()
                            + " invalid commands sent (network lane since start: admitted " + n.accepted()
                            + ", refused " + n.refused() + ")"));
                }
            }
            if (PHASES.contains("fsync")) {
                c.storage.delayMs = FSYNC_MS;
                phases.add(run(c, "quiet, every fsync slowed by " + FSYNC_MS + " ms", FSYNC_LOCKDOWNS, FSYNC_MS + 5));
                // No pause for the clear's fsync: the next press comes while it runs (the loop must not wait for it).
                phases.add(run(c, "quiet, every fsync slowed by " + FSYNC_MS + " ms, next press during the last fsync",
                        FSYNC_LOCKDOWNS, 0));
                c.storage.delayMs = 0;
            }
            report(broker.name(), phases, c);
        }
    }

    private static String settled() {
        return SETTLE_MS == 0 ? "" : ", " + SETTLE_MS + " ms before each press";
    }

    static void awaitConnected(BigController c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.uplink.connected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (!c.uplink.connected()) {
            throw new IllegalStateException("the uplink did not connect to the broker in 10 s");
        }
        Thread.sleep(500); // subscriptions are made right after the connect, on the uplink's thread
    }

    /** {@code n} lockdowns one after the other; {@code settleMs} more between the unlocks and the next press. */
    private Phase run(BigController c, String name, int n, long settleMs) throws InterruptedException {
        String loadBefore = loadAverage();
        long syncsBefore = c.storage.syncs.get();
        long seqBefore = c.journal.lastSeq();
        long startNs = System.nanoTime();
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(20), 3);
        Histogram first = new Histogram(TimeUnit.SECONDS.toNanos(20), 3);
        int missed = 0;
        long debounceNs = TimeUnit.MILLISECONDS.toNanos(PANIC_DEBOUNCE_MS);
        for (int i = 0; i < n; i++) {
            int base = c.locks.get();
            c.lockBase = base;
            long t0 = System.nanoTime();
            c.press(true);
            if (c.locks.await(base + BigSite.DOORS, MISS_NS)) {
                h.recordValue(c.lastLockNs.get() - t0);
                first.recordValue(c.firstLockNs.get() - t0);
            } else {
                missed++;
            }
            parkUntil(t0 + 2 * debounceNs);
            c.press(false);
            long released = System.nanoTime();
            int unlocked = c.unlocks.get();
            c.loop.offer(new LoopInput.External(new Event.ModeRequested("clear-" + ++clears, Mode.NORMAL, Scope.SITE,
                    false, new Source.Operator("okafor"), "bench")));
            c.unlocks.await(unlocked + BigSite.DOORS, MISS_NS);
            parkUntil(Math.max(released + 2 * debounceNs, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleMs)));
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        String notes = String.format("%.0f s; journal records %d, fsyncs %d; inputs dropped %d; load %s → %s",
                seconds, c.journal.lastSeq() - seqBefore, c.storage.syncs.get() - syncsBefore, c.loop.droppedInputs(),
                loadBefore, loadAverage());
        return new Phase(name, h, first, missed, notes);
    }

    private static void parkUntil(long ns) {
        long wait;
        while ((wait = ns - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }


    /** 64 door contacts toggled round-robin through the Pi4J mock at a total rate, from one thread. */
    static final class Chatter implements AutoCloseable {
        private final BigController c;
        private final int perSecond;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long sent;

        Chatter(BigController c, int perSecond) {
            this.c = c;
            this.perSecond = perSecond;
            this.thread = new Thread(this::run, "bench-chatter");
            this.thread.setDaemon(true);
        }

        Chatter start() {
            thread.start();
            return this;
        }

        private void run() {
            long start = System.nanoTime();
            long k = 0;
            while (running) {
                long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
                while (k < due && running) {
                    c.contact((int) (k % BigSite.DOORS), (k / BigSite.DOORS) % 2 == 0);
                    k++;
                    sent = k;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }

        long sent() {
            return sent;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(2_000);
            for (int d = 0; d < BigSite.DOORS; d++) {
                c.contact(d, false);
            }
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static String row(String what, Histogram h, int missed) {
        return String.format("| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %d |", what, h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), missed);
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }

    private static void report(String broker, List<Phase> phases, BigController c) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("\nPanicBenchmark, ").append(java.time.Instant.now()).append(", broker ").append(broker)
                .append(", JDK ").append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs\n\n| panic edge → 64th relay write | n | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |"
                        + " missed |\n|---|---|---|---|---|---|---|---|\n");
        for (Phase p : phases) {
            b.append(row(p.name(), p.panic(), p.missed())).append('\n');
        }
        b.append("\n| panic edge → first relay write | n | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | missed |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Phase p : phases) {
            b.append(row(p.name(), p.first(), p.missed())).append('\n');
        }
        b.append('\n');
        for (Phase p : phases) {
            b.append("- ").append(p.name()).append(": ").append(p.notes()).append('\n');
        }
        System.out.println(b);
        Files.writeString(Path.of("target/bench-results.md"), b, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
