package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lockstep.controller.cli.DetectorPty.await;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.ControllerWiring;
import org.lockstep.controller.config.DetectorWiring;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.journal.JournalReader;
import org.lockstep.controller.journal.JournalRecord;
import org.lockstep.hal.SerialSettings;
import org.lockstep.hal.pi4j.Pi4jGpio;

/**
 * {@code lockstep run}'s own wiring ({@link RunningController}, what {@code run} starts and its SIGTERM hook stops)
 * on Pi4J's mock board, with a serial weapon detector on a socat pty and the embedded broker on a free port. Time is
 * the real clock (it is the production path): every wait is a condition with a deadline.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RunOnMockBoardTest {
    /**
     * Two zones so both triggers are visible on the relays: the panic button locks down east (c101), the detector
     * auto-locks-down west (maglock m201). Relays are active-high: c101 is fail-secure (locked = low), m201 a
     * fail-safe maglock (locked = high).
     */
    static String site(int mqttPort, String relayShutdown) {
        return """
                site: { id: bench, name: Test Bench School }
                controllers:
                  - { id: bench, relayShutdown: %s }
                zones:
                  - { id: east }
                  - { id: west }
                doorDefaults:
                  relay: { activeHigh: true, failMode: fail-secure }
                doors:
                  - { id: c101, room: Room 101, zone: east, role: classroom, controller: bench, relay: { pin: 17 }, contact: { pin: 3 } }
                  - { id: m201, room: West entrance, zone: west, role: classroom, controller: bench,
                      relay: { pin: 16, failMode: fail-safe }, contact: { pin: 2 } }
                panicButtons:
                  - { id: panic-1, controller: bench, location: Office, scope: east,
                      input: { pin: 8, pressedWhen: high, pull: down, debounceMs: 0 }, guard: { holdMs: 0 } }
                detectors:
                  - id: wd-1
                    controller: bench
                    location: West entrance
                    zone: west
                    policy: auto-lockdown
                    lockdownScope: west
                    minConfidencePct: 80
                    heartbeatTimeoutMs: 1000
                    serial: { port: /dev/ttyLockstepTest, baud: 115200, protocol: lockstep-line-v1 }
                mqtt: { broker: embedded, port: %d }
                """.formatted(relayShutdown, mqttPort);
    }

    @TempDir
    Path dir;

    private DetectorPty pty;
    private Context context;
    private RunningController running;

    @BeforeAll
    static void needsSocat() {
        DetectorPty.assumeSocat();
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private void runBench(String relayShutdown) throws Exception {
        pty = new DetectorPty(dir);
        pty.start();
        SiteConfig config = SiteConfigLoader.load("site.yaml", new StringReader(site(freePort(), relayShutdown)));
        // The loader insists on a /dev path; the pty's link lives in the test's temp dir. Only that field changes.
        ControllerWiring wiring = withDetectorPort(config.wiring().get("bench"), "wd-1", pty.controllerEnd());
        context = Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        running = RunningController.start(config, wiring, dir.resolve("journal"),
                Pi4jGpio.of(context), dir.resolve("bench.key")); // no key: a one-controller site has no peers

    }

    @Test
    void panic_and_detector_lock_their_zones_a_lost_pty_reconnects_and_a_stop_de_energises_the_relays()
            throws Exception {
        runBench("de-energise");
        await("NORMAL: both doors unlocked", () -> level("c101") == DigitalState.HIGH
                && level("m201") == DigitalState.LOW);

        input("panic-1").mockState(DigitalState.HIGH);
        await("panic: east locked (c101 de-energised)", () -> level("c101") == DigitalState.LOW);
        assertEquals(DigitalState.LOW, level("m201"), "west is not in the panic button's scope");

        // The detector is silent at first: offline after its heartbeat timeout, online with its first heartbeat.
        await("detector offline (no heartbeat)", () -> journaled(faulted("wd-1")) == 1);
        pty.heartbeats(true);
        await("detector recovered", () -> journaled(recovered("wd-1")) == 1);
        pty.detect();
        await("auto-lockdown of west (maglock energised)", () -> level("m201") == DigitalState.HIGH);
        // Relays first, then the journal: the detection is on disk a moment after the maglock moved.
        await("the detection journaled", () -> journaled(e -> e instanceof Event.WeaponDetected w
                && w.detectorId().equals("wd-1")) == 1, this::journal);

        // Unplugged while it keeps beating, as a detector on its own power does: the controller reports the loss,
        // reopens the port when it is back and hears the beats again. (This once failed 1 run in 6: the test's
        // detector, writing while the pty link was missing, created a plain file in its place and beat into it;
        // it now opens the link without creating it.)
        pty.kill();
        await("link lost reported", () -> journaled(faulted("wd-1")) == 2, this::journal);
        pty.start();
        await("reconnected: heartbeats again", () -> journaled(recovered("wd-1")) == 2, this::journal);

        MockDigitalOutput c101 = relay("c101");
        MockDigitalOutput m201 = relay("m201");
        running.close(); // the shutdown hook's body
        assertEquals(DigitalState.LOW, c101.state(), "de-energised");
        assertEquals(DigitalState.LOW, m201.state(), "de-energised: the maglock releases, as in a power cut");
    }

    @Test
    void a_stop_with_relay_shutdown_hold_leaves_the_maglock_locked() throws Exception {
        runBench("hold");
        input("panic-1").mockState(DigitalState.HIGH);
        await("east locked", () -> level("c101") == DigitalState.LOW);
        pty.heartbeats(true);
        pty.detect();
        await("west locked", () -> level("m201") == DigitalState.HIGH);

        MockDigitalOutput c101 = relay("c101");
        MockDigitalOutput m201 = relay("m201");

        running.close(); // the shutdown hook's body

        assertEquals(DigitalState.HIGH, m201.state(), "held as last driven: locked");
        assertEquals(DigitalState.LOW, c101.state());
    }

    private DigitalState level(String door) {
        return relay(door).state();
    }

    private MockDigitalOutput relay(String door) {
        return context.io(Pi4jGpio.pi4jId(door + ".relay"), MockDigitalOutput.class);
    }

    private MockDigitalInput input(String device) {
        return context.io(Pi4jGpio.pi4jId(device + ".input"), MockDigitalInput.class);
    }

    private static Predicate<Event> faulted(String device) {
        return e -> e instanceof Event.DeviceFaulted f && f.deviceId().equals(device);
    }

    private static Predicate<Event> recovered(String device) {
        return e -> e instanceof Event.DeviceRecovered r && r.deviceId().equals(device);
    }

    /** Counts journaled events: the journal on disk is what the controller recorded, read as `lockstep journal` does. */
    private long journaled(Predicate<Event> which) {
        List<JournalRecord> records = JournalReader.read(dir.resolve("journal")).records();
        return records.stream().map(JournalRecord::event).filter(which).count();
    }

    private String journal() {
        return "; journal: " + JournalReader.read(dir.resolve("journal")).records().stream()
                .map(r -> r.event().toString()).toList() + "; " + pty.counts() + threads();
    }

    private static String threads() {
        StringBuilder b = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
            if (t.getName().contains("serial") || t.getName().contains("detector")) {
                b.append("\n").append(t.getName()).append(" ").append(t.getState());
                for (int i = 0; i < Math.min(8, st.length); i++) {
                    b.append("\n  at ").append(st[i]);
                }
            }
        });
        return b.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The controller's wiring with one serial detector's port moved (RunningController takes the wiring apart). */
    static ControllerWiring withDetectorPort(ControllerWiring w, String detector, Path port) {
        Map<String, DetectorWiring> detectors = new LinkedHashMap<>(w.detectors());
        SerialSettings s = ((DetectorWiring.Serial) detectors.get(detector)).settings();
        detectors.put(detector, new DetectorWiring.Serial(new SerialSettings(port.toString(), s.baud(), s.dataBits(),
                s.parity(), s.stopBits(), s.protocol())));
        return new ControllerWiring(w.controllerId(), w.board(), w.gpioChip(), w.relayShutdown(), w.doors(),
                w.panicButtons(), w.fireAlarms(), detectors);
    }
}
