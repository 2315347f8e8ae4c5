package org.lockstep.controller.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pi4j.Pi4J;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.controller.journal.MemoryJournal;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.DeviceAssembly;
import org.lockstep.controller.shell.LoopInput;
import org.lockstep.controller.shell.LoopThread;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.shell.SerialDetectorDevice;
import org.lockstep.controller.shell.SiteBus;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.lockstep.hal.pi4j.Pi4jPorts;

/**
 * The watchdog against systemd's notify protocol, with socat as the listener on a unix datagram socket (what systemd
 * reads), over a real event loop on its own thread. The loop is hung on purpose by a journal write that does not
 * return, as a dead disk would; the pings must stop, and resume when the loop does.
 */
class LoopWatchdogTest {
    private static final long WAIT_MS = 10_000;
    private static final long WATCHDOG_MS = LoopWatchdog.MIN_WATCHDOG_MS;
    private static final String SITE = """
            site: { id: bench, name: Test Bench School }
            controllers: [ { id: bench } ]
            zones: [ { id: east } ]
            doorDefaults:
              relay: { activeHigh: true, failMode: fail-secure }
            doors:
              - { id: c101, room: Room 101, zone: east, role: classroom, controller: bench, relay: { pin: 17 }, contact: { pin: 3 } }
            """;

    @TempDir
    Path dir;

    private Process listener;
    private LoopThread thread;
    private ControllerLoop loop;
    private Pi4jGpio gpio;
    private final ScheduledExecutorService serial = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch unhang = new CountDownLatch(1);
    private final CountDownLatch hungInside = new CountDownLatch(1);
    private volatile boolean hangNextAppend;

    @BeforeAll
    static void needsSocat() {
        boolean present = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(p, "socat"));
        }
        assumeTrue(present, "socat is not installed: the notify listener needs it (apt-get install socat)");
    }

    @AfterEach
    void stop() throws Exception {
        unhang.countDown();
        if (thread != null) {
            thread.close();
            loop.close();
            gpio.close();
        }
        serial.shutdownNow();
        if (listener != null) {
            listener.destroy();
            listener.waitFor(WAIT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** A journal whose next append, once armed, blocks until released: the loop thread hangs inside it. */
    private final class HangingJournal implements EventJournal {
        private final MemoryJournal memory = new MemoryJournal();

        @Override
        public void append(long atMs, Event event, java.util.List<org.lockstep.controller.core.Fact> facts) {
            if (hangNextAppend) {
                hangNextAppend = false;
                hungInside.countDown();
                try {
                    unhang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            memory.append(atMs, event, facts);
        }

        @Override
        public java.util.List<Entry> readAll() {
            return memory.readAll();
        }
    }

    private SdNotify listen() throws Exception {
        Path socket = dir.resolve("notify.sock");
        Path out = dir.resolve("notify.log");
        listener = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + socket, "OPEN:" + out + ",creat,append")
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        await("the notify socket", () -> Files.exists(socket));
        return SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.toString())).orElseThrow();
    }

    private long received(String message) {
        try {
            Path out = dir.resolve("notify.log");
            if (!Files.exists(out)) {
                return 0;
            }
            // Datagrams carry no newline; each ping is one "WATCHDOG=1".
            String all = Files.readString(out, StandardCharsets.UTF_8);
            return all.isEmpty() ? 0 : all.split(message, -1).length - 1;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startLoop() throws Exception {
        SiteConfig config = SiteConfigLoader.load("site.yaml", new StringReader(SITE));
        gpio = Pi4jGpio.of(Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build());
        MonotonicClock clock = MonotonicClock.system();
        loop = new ControllerLoop(new LockdownMachine(config.site(), "bench"),
                DeviceAssembly.assemble(config.site(), config.wiring().get("bench"), new Pi4jPorts(gpio, clock, serial),
                        SerialDetectorDevice::new),
                new HangingJournal(), Outbound.NONE, SiteBus.NONE, clock);
        loop.start();
        thread = new LoopThread(loop, clock);
        thread.start();
    }

    @Test
    void readyReachesTheNotifySocket() throws Exception {
        SdNotify notify = listen();

        assertTrue(notify.send("READY=1"));

        await("READY=1 at the listener", () -> received("READY=1") == 1);
    }

    @Test
    void aHungLoopStopsThePingsAndTheyResumeWhenItTurnsAgain() throws Exception {
        SdNotify notify = listen();
        startLoop();
        try (LoopWatchdog watchdog = new LoopWatchdog(thread::turns, notify, WATCHDOG_MS).start()) {
            await("pings while the loop turns", () -> received("WATCHDOG=1") >= 3);

            hangNextAppend = true;
            loop.offer(new LoopInput.External(new Event.DeviceFaulted("disk", "test: this append never returns")));
            assertTrue(hungInside.await(WAIT_MS, TimeUnit.MILLISECONDS), "the loop thread is inside the append");
            long base = watchdog.withheld();
            // Two stuck looks after the hang began: any look that started before it has finished by now.
            await("two looks that found the loop stuck", () -> watchdog.withheld() >= base + 2);
            long sentWhileHung = watchdog.sent();
            await("the listener has every ping sent", () -> received("WATCHDOG=1") == sentWhileHung);
            await("two more stuck looks", () -> watchdog.withheld() >= base + 4);
            assertEquals(sentWhileHung, watchdog.sent(), "no ping while the loop is stuck");
            assertEquals(sentWhileHung, received("WATCHDOG=1"), "systemd would see silence, and restart us");

            unhang.countDown();
            await("pings resume", () -> received("WATCHDOG=1") > sentWhileHung);
        }
    }

    @Test
    void theWatchdogIntervalIsSystemdsAndOnlyForTheProcessItNames() {
        assertEquals(10_000, SdNotify.watchdogMs(Map.of("WATCHDOG_USEC", "10000000"), 42).orElseThrow());
        assertEquals(10_000, SdNotify.watchdogMs(Map.of("WATCHDOG_USEC", "10000000", "WATCHDOG_PID", "42"), 42)
                .orElseThrow());
        assertTrue(SdNotify.watchdogMs(Map.of("WATCHDOG_USEC", "10000000", "WATCHDOG_PID", "7"), 42).isEmpty());
        assertTrue(SdNotify.watchdogMs(Map.of(), 42).isEmpty());
        assertTrue(SdNotify.watchdogMs(Map.of("WATCHDOG_USEC", "ten"), 42).isEmpty());
        assertTrue(SdNotify.fromEnvironment(Map.of()).isEmpty());
    }

    @Test
    void anAbstractSocketNameStartsWithANul() {
        byte[] addr = SdNotify.sockaddrUn("@/org/freedesktop/systemd1/notify");
        assertEquals(0, addr[2]);
        assertEquals(2 + "@/org/freedesktop/systemd1/notify".length(), addr.length, "no trailing NUL");
        assertEquals(2 + "/run/systemd/notify".length() + 1, SdNotify.sockaddrUn("/run/systemd/notify").length);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT_MS + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
