package org.lockstep.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.shell.LoopInput;

/**
 * Issue 11 #5: the memory of one 64-door controller ({@link BigController}, publishing to Mosquitto) under door
 * chatter for {@code bench.minutes}, in the JVM the surefire fork gets ({@code -Dbench.xmx}, {@code -Dbench.jvmArgs},
 * e.g. {@code -XX:+UseSerialGC}). Every {@code bench.sampleSeconds}: process RSS ({@code /proc/self/status}) and the
 * live heap after a full GC. A panic lockdown and its all clear every 10 s, so modes, alerts and the request memory
 * move too. Not a test: prints a table and appends it to {@code bench/target/bench-results.md}. The leak check compares
 * the sample at minute 2 with the last.
 */
class MemoryBenchmark {
    private static final int MINUTES = Integer.getInteger("bench.minutes", 3);
    private static final int SAMPLE_SECONDS = Integer.getInteger("bench.sampleSeconds", 30);
    private static final int CHATTER = Integer.getInteger("bench.chatter", 10_000);

    @TempDir
    Path journalDir;

    private record Sample(long atS, long rssKb, long liveKb, long heapCommittedKb, long nonHeapKb, long journalSeq) {}

    @Test
    void memory() throws Exception {
        List<Sample> samples = new ArrayList<>();
        String loadBefore = PanicBenchmark.loadAverage();
        long lockdowns = 0;
        try (BenchBroker broker = BenchBroker.fromProperty();
                BigController c = new BigController(journalDir, broker.url(), 2, 20)) {
            PanicBenchmark.awaitConnected(c);
            long start = System.nanoTime();
            long end = start + TimeUnit.MINUTES.toNanos(MINUTES);
            long nextSample = start;
            long nextLockdown = start;
            try (PanicBenchmark.Chatter ch = new PanicBenchmark.Chatter(c, CHATTER).start()) {
                while (System.nanoTime() < end) {
                    long now = System.nanoTime();
                    if (now >= nextLockdown) {
                        c.press(true);
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                        c.press(false);
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                        c.loop.offer(new LoopInput.External(new Event.ModeRequested("clear-" + lockdowns++,
                                Mode.NORMAL, Scope.SITE, false, new Source.Operator("okafor"), "bench")));
                        nextLockdown += TimeUnit.SECONDS.toNanos(10);
                    }
                    if (now >= nextSample) {
                        samples.add(sample((now - start) / 1_000_000_000L, c));
                        Sample s = samples.getLast();
                        System.out.printf("%4d s: RSS %d KiB, live heap %d KiB%n", s.atS(), s.rssKb(), s.liveKb());
                        nextSample += TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS);
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
            samples.add(sample((System.nanoTime() - start) / 1_000_000_000L, c));
        }
        report(samples, lockdowns, loadBefore + " → " + PanicBenchmark.loadAverage());
    }

    private static Sample sample(long atS, BigController c) throws Exception {
        System.gc();
        var mem = ManagementFactory.getMemoryMXBean();
        long rss = Files.readString(Path.of("/proc/self/status")).lines().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
        return new Sample(atS, rss, mem.getHeapMemoryUsage().getUsed() >> 10,
                mem.getHeapMemoryUsage().getCommitted() >> 10, mem.getNonHeapMemoryUsage().getCommitted() >> 10,
                c.journal.lastSeq());
    }

    private static void report(List<Sample> samples, long lockdowns, String load) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("\nMemoryBenchmark, ").append(java.time.Instant.now()).append(", JVM ")
                .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
                        .stream().filter(a -> a.startsWith("-X")).toList()))
                .append(", ").append(MINUTES).append(" min, chatter ").append(CHATTER).append(" edges/s, ")
                .append(lockdowns).append(" lockdowns; load ").append(load)
                .append("\n\n| s | RSS MiB | live heap MiB (after full GC) | heap committed MiB | non-heap committed MiB |"
                        + " journal records |\n|---|---|---|---|---|---|\n");
        for (Sample s : samples) {
            b.append(String.format("| %d | %.1f | %.1f | %.1f | %.1f | %d |%n", s.atS(), s.rssKb() / 1024.0,
                    s.liveKb() / 1024.0, s.heapCommittedKb() / 1024.0, s.nonHeapKb() / 1024.0, s.journalSeq()));
        }
        Sample two = samples.stream().filter(s -> s.atS() >= 120).findFirst().orElse(samples.getFirst());
        Sample last = samples.getLast();
        b.append(String.format("%nleak check, minute %d → end (%d s): RSS %+.1f MiB, live heap %+.1f MiB%n",
                two.atS() / 60, last.atS(), (last.rssKb() - two.rssKb()) / 1024.0,
                (last.liveKb() - two.liveKb()) / 1024.0));
        System.out.println(b);
        Files.writeString(Path.of("target/bench-results.md"), b, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
