package org.lockstep.controller.mqtt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;

/**
 * Not a test (its name keeps it out of {@code mvn verify}): press → last door SECURED <em>on the console's page</em>,
 * beside → the last SECURED status on MQTT, in the same run (issue 10; docs/PERFORMANCE.md, "Press → last door
 * SECURED on the console's page"). Run with
 *
 * <pre>
 * flock /tmp/bench.lock mvn -B -pl simulator -am test -Dlockstep.test.timeout=20m \
 *     -Dtest=PageLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
 *     [-Dbench.runs=100] [-Dbench.warmup=10] [-Dbench.stepMs=10] [-Dlockstep.mqtt.broker=mosquitto|embedded]
 *     [-Dbench.console=process|inline]
 * </pre>
 *
 * The example school ({@link ConsoleFixture}) with every door's {@code actuationMs} set to 1, the least the site file
 * accepts (a bolt that throws at once: the figure is the software's, not the lock's), stepped every {@code stepMs};
 * {@code lockstep console} in front of it, in a JVM of its own as shipped ({@link ConsoleProcess}; {@code
 * -Dbench.console=inline} puts it in the benchmark's JVM, as runs 1–7 had it); one headless Chromium on its page; a plain Paho subscriber
 * ({@link SecuredWatch}). Each run: the benchmark holds LOCKDOWN (1.5 s, the page acts at 1.0 s) and the page itself
 * stamps, on its own clock ({@code performance.timeOrigin + performance.now()}):
 * <ul>
 *   <li><b>press</b>: the page's POST of the action leaving {@code act()}: the instant the hold completes and the
 *       console is asked; the 1 s hold before it is the confirmation a person gives, not latency;</li>
 *   <li><b>DOM</b>: a MutationObserver on the count seeing "32 of 32 doors secured" (after the page's whole redraw of
 *       that push: observers run once the render's script is done); <b>frame</b>: the next animation frame, the one that
 *       paints it; <b>push in</b>: the page's parse of the push that brought it (so DOM − push in is the page's
 *       parse and redraw, push in − MQTT the console's decode, coalescing, snapshot and SSE).</li>
 * </ul>
 * The MQTT instant (the last door's SECURED at the subscriber) is the JVM's {@code System.nanoTime}, put on the page's
 * clock by an offset measured in the same run: the JVM reads its clock, asks the page for its clock, reads its clock
 * again; the page's reading is taken to be at the midpoint (best of 10 round trips, error at most half the round trip,
 * printed). The page stores its stamps; the benchmark reads them once per run, after the MQTT side is complete.
 * Between runs: a signed ALL CLEAR over MQTT (as {@code okafor}, the fixture key), and every door UNLOCKED on MQTT and
 * the count gone from the page.
 */
class PageLatencyBenchmark {
    private static final long WAIT_MS = 30_000;
    /** Longer than the page's 1 s with room to spare: on a loaded box the page may see the press late. */
    private static final long HOLD_MS = 1_500;
    private static final int MAX_PRESSES = 3;
    private static final long WALL0_MS = System.currentTimeMillis();
    private static final long NANO0 = System.nanoTime();

    @Test
    void run() throws Exception {
        int runs = Integer.getInteger("bench.runs", 100);
        int warmup = Integer.getInteger("bench.warmup", 10);
        long stepMs = Long.getLong("bench.stepMs", 10);
        String brokerKind = System.getProperty("lockstep.mqtt.broker", "mosquitto");
        TestBroker broker = brokerKind.equals("mosquitto") ? new TestBroker.Mosquitto() : TestBroker.fromProperty();
        String load0 = Files.readString(Path.of("/proc/loadavg")).trim();
        long started = System.currentTimeMillis();
        List<double[]> rows = new ArrayList<>(); // per measured run: mqtt, dom, frame, pushIn, offset error (ms)
        int pushBytes;
        int cancelled = 0;
        boolean ownJvm = !System.getProperty("bench.console", "process").equals("inline");
        Path consoleLog = Path.of("target/page-latency-console.log");
        try (ConsoleFixture f = ownJvm ? ConsoleFixture.startInOwnJvm(instantLocks(), broker, 7, stepMs, consoleLog)
                : ConsoleFixture.start(instantLocks(), broker, 7, stepMs, c -> c);
                SecuredWatch watch = new SecuredWatch(f.broker, f.prefix, f.doors)) {
            ConsolePage page = f.open("1280,1900", f.url("/"));
            page.waitFor("every door UNLOCKED and live", () -> page.text("live").equals("LIVE")
                    && page.markerStatuses().size() == f.doors
                    && page.markerStatuses().values().stream().allMatch("UNLOCKED"::equals));
            watch.awaitAllUnlocked(WAIT_MS);
            page.js(PageStamps.INSTALL, f.doors + " of " + f.doors + " doors secured");
            for (int i = 0; i < warmup + runs; i++) {
                watch.arm();
                page.js(PageStamps.ARM);
                cancelled += press(page);
                long securedNs;
                try {
                    securedNs = watch.awaitAllSecured(WAIT_MS);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; the page says: " + page.text("action-status") + " / "
                            + page.text("action-list"), e);
                }
                Map<?, ?> s = (Map<?, ?>) page.jsAsync(PageStamps.READ);
                double[] offset = offset(page); // page clock − JVM clock, ± error
                double post = num(s, "post");
                double mqtt = jvmMs(securedNs) + offset[0] - post;
                if (i >= warmup) {
                    // the console's wall-clock stamps (in the picture) onto the page's clock, as the MQTT stamp
                    rows.add(new double[] {mqtt, num(s, "dom") - post, num(s, "frame") - post,
                            num(s, "pushIn") - post, offset[1], offset[0], num(s, "heard") + offset[0] - post,
                            num(s, "taken") + offset[0] - post});
                }
                watch.publish(f.mqtt.topics().cmdSite(), MqttFixture.command(f.mqtt.topics().cmdSite(),
                        "bench-ac-" + i, "ALL_CLEAR", "okafor"));
                watch.awaitAllUnlocked(WAIT_MS);
                page.waitFor("the count gone from the page", () -> !page.driver()
                        .findElement(org.openqa.selenium.By.id("count")).isDisplayed());
            }
            pushBytes = ((Number) page.jsAsync(PageStamps.PUSH_SIZE)).intValue();
        }
        String load1 = Files.readString(Path.of("/proc/loadavg")).trim();
        report(rows, runs, warmup, stepMs, brokerKind + (ownJvm ? ", console in its own JVM ("
                + String.join(" ", ConsoleProcess.launcherOptions()) + ")" : ", console in the benchmark's JVM"),
                pushBytes, cancelled, load0, load1,
                (System.currentTimeMillis() - started) / 1e3);
    }

    /**
     * Holds LOCKDOWN until the page posts it; how many holds the page cancelled first (it saw the release within its
     * 1 s: a page that stalls past the margin under load). Only the hold that posted is timed.
     */
    private static int press(ConsolePage page) {
        for (int i = 0; i < MAX_PRESSES; i++) {
            page.hold(page.button("lockdown"), HOLD_MS);
            if (page.js("return window.__bench.post") != null) {
                return i;
            }
        }
        throw new AssertionError(MAX_PRESSES + " holds of LOCKDOWN and no POST; the page says: "
                + page.text("action-status"));
    }

    /** The example site with every door's actuationMs at 1, beside copies of its floor plans. */
    static SiteConfig instantLocks() throws Exception {
        Path dir = Files.createTempDirectory("lockstep-page-bench-");
        Path example = ConsoleFixture.EXAMPLE_SITE;
        String yaml = Files.readString(example).replaceAll("actuationMs: *\\d+", "actuationMs: 1");
        try (var plans = Files.newDirectoryStream(example.getParent(), "*.svg")) {
            for (Path p : plans) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        SiteConfig site = SiteConfigLoader.load(Files.writeString(dir.resolve("site.yaml"), yaml));
        site.site().doors().forEach(d -> {
            if (d.actuationMs() != 1) {
                throw new IllegalStateException("door " + d.id() + " kept actuationMs " + d.actuationMs());
            }
        });
        return site;
    }

    static double jvmMs(long nanos) {
        return WALL0_MS + (nanos - NANO0) / 1e6;
    }

    /** {page clock − JVM clock, error bound} in ms: the best of ten round trips to the page. */
    static double[] offset(ConsolePage page) {
        double best = Double.MAX_VALUE;
        double offset = 0;
        for (int i = 0; i < 10; i++) {
            long t1 = System.nanoTime();
            double p = ((Number) page.js("return performance.timeOrigin + performance.now()")).doubleValue();
            long t2 = System.nanoTime();
            double half = (t2 - t1) / 2e6;
            if (half < best) {
                best = half;
                offset = p - jvmMs(t1 + (t2 - t1) / 2);
            }
        }
        return new double[] {offset, best};
    }

    private static double num(Map<?, ?> stamps, String key) {
        Object v = stamps.get(key);
        if (!(v instanceof Number n)) {
            throw new AssertionError("the page did not stamp " + key + ": " + stamps);
        }
        return n.doubleValue();
    }

    /** Prints the tables and writes them to target/page-latency.md. */
    private static void report(List<double[]> rows, int runs, int warmup, long stepMs, String broker, int pushBytes,
            int cancelled, String load0, String load1, double seconds) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## press → last door SECURED: page and MQTT, %d runs (after %d"
                + " warm-up), broker %s, %d ms sim steps, JDK %s, %.0f s%n%nload before: %s; after: %s%n%n", runs,
                warmup, broker, stepMs, Runtime.version(), seconds, load0, load1));
        out.append("| press (the page's POST) → | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        row(out, "last door SECURED at a Paho subscriber (MQTT)", rows, r -> r[0]);
        row(out, "the push that brings it parsed by the page (push in)", rows, r -> r[3]);
        row(out, "\"32 of 32\" in the page's DOM (MutationObserver)", rows, r -> r[1]);
        row(out, "… the next animation frame", rows, r -> r[2]);
        row(out, "**page (DOM) − MQTT, per run**", rows, r -> r[1] - r[0]);
        row(out, "page (frame) − MQTT, per run", rows, r -> r[2] - r[0]);
        row(out, "push in − MQTT (console: decode, coalesce, snapshot, SSE)", rows, r -> r[3] - r[0]);
        row(out, "… console last heard the broker (the picture's lastLive) − MQTT", rows, r -> r[6] - r[0]);
        row(out, "… picture taken (its now) − console last heard the broker", rows, r -> r[7] - r[6]);
        row(out, "… push in − picture taken (SSE, TLS, the browser's network and queue)", rows, r -> r[3] - r[7]);
        row(out, "DOM − push in (page: parse and redraw)", rows, r -> r[1] - r[3]);
        out.append(String.format(Locale.ROOT, "%nclock offset page − JVM: %.3f … %.3f ms; its error (half the best round"
                + " trip) at most %.3f ms%none push (the state event) is %,d bytes of JSON%nholds the page cancelled"
                + " (released within its 1 s as it saw them) and pressed again: %d%n",
                rows.stream().mapToDouble(r -> r[5]).min().orElse(0), rows.stream().mapToDouble(r -> r[5]).max()
                        .orElse(0), rows.stream().mapToDouble(r -> r[4]).max().orElse(0), pushBytes, cancelled));
        System.out.print(out);
        Files.writeString(Path.of("target/page-latency.md"), out);
    }

    private static void row(StringBuilder out, String name, List<double[]> rows,
            java.util.function.ToDoubleFunction<double[]> f) {
        double[] v = rows.stream().mapToDouble(f).sorted().toArray();
        out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", name, pct(v, 50), pct(v, 90),
                pct(v, 99), v[v.length - 1]));
    }

    /** Nearest-rank percentile of sorted values. */
    static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)];
    }
}
