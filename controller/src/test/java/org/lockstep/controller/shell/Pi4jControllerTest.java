package org.lockstep.controller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.ControllerWiring;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.journal.MemoryJournal;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.lockstep.hal.pi4j.Pi4jPorts;

/**
 * A whole controller (example site, east-lower) on Pi4J's own mock provider: the same wiring, drivers, loop and core
 * as on a Pi, with the pins mocked. The clock is a hand-driven one, so nothing here sleeps.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Pi4jControllerTest {
    private final AtomicLong nowMs = new AtomicLong(1_000);
    private Context context;
    private Pi4jGpio gpio;
    private ScheduledExecutorService serial;
    private ControllerLoop loop;
    private final MemoryJournal journal = new MemoryJournal();

    @BeforeEach
    void start() throws Exception {
        SiteConfig config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        ControllerWiring wiring = config.wiring().get("east-lower");
        context = Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        gpio = Pi4jGpio.of(context);
        serial = Executors.newSingleThreadScheduledExecutor();
        WiredDevices devices = DeviceAssembly.assemble(config.site(), wiring, new Pi4jPorts(gpio, nowMs::get, serial),
                SerialDetectorDevice::new);
        // Bolts report thrown when low: mocked inputs start low, so set every bolt input "retracted" (high) first.
        for (String door : wiring.doors().keySet()) {
            if (wiring.doors().get(door).bolt().isPresent()) {
                input(door + ".bolt").mockState(DigitalState.HIGH);
            }
        }
        loop = new ControllerLoop(new LockdownMachine(config.site(), "east-lower"), devices, journal, Outbound.NONE,
                SiteBus.NONE, nowMs::get);
        loop.start();
    }

    @AfterEach
    void stop() {
        loop.close();
        serial.shutdownNow();
        gpio.close();
    }

    private MockDigitalInput input(String portId) {
        return context.io(Pi4jGpio.pi4jId(portId), MockDigitalInput.class);
    }

    private MockDigitalOutput output(String portId) {
        return context.io(Pi4jGpio.pi4jId(portId), MockDigitalOutput.class);
    }

    private void at(long ms) {
        nowMs.set(ms);
        loop.processPending();
        loop.runDue();
    }

    @Test
    void a_lockdown_drives_the_real_relay_outputs_and_the_bolts_make_the_door_secured() {
        // c101: active-high relay, fail-secure lock: unlocked = energised = high; locked = low.
        assertEquals(DigitalState.HIGH, output("c101.relay").state(), "NORMAL: classrooms unlocked");
        loop.offer(new LoopInput.External(new Event.ModeRequested("ld", Mode.LOCKDOWN, Scope.SITE, false,
                new Source.Operator("okafor"), "test")));
        at(2_000);
        assertEquals(DigitalState.LOW, output("c101.relay").state());
        input("c101.bolt").mockState(DigitalState.LOW);
        at(2_100);
        at(2_400);
        assertEquals(DoorStatus.SECURED, loop.state().doors().get(loop.machine().indexOf("c101").orElseThrow()).status());
    }

    @Test
    void a_bouncing_contact_yields_one_door_event() {
        long before = contactEvents();
        for (DigitalState s : new DigitalState[] {DigitalState.HIGH, DigitalState.LOW, DigitalState.HIGH,
            DigitalState.LOW, DigitalState.HIGH}) {
            input("c102.contact").mockState(s);
        }
        at(1_005);
        at(1_100);
        assertEquals(1, contactEvents() - before);
    }

    @Test
    void a_controller_set_to_hold_leaves_its_relays_as_driven_on_shutdown() throws Exception {
        loop.close();
        gpio.close();
        // commons holds its relays (relayShutdown: hold in the example site).
        SiteConfig config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        ControllerWiring wiring = config.wiring().get("commons");
        assertEquals(org.lockstep.controller.config.RelayShutdown.HOLD, wiring.relayShutdown());
        context = Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        gpio = Pi4jGpio.of(context);
        loop = new ControllerLoop(new LockdownMachine(config.site(), "commons"), DeviceAssembly.assemble(config.site(),
                wiring, new Pi4jPorts(gpio, nowMs::get, serial), SerialDetectorDevice::new), new MemoryJournal(),
                Outbound.NONE, SiteBus.NONE, nowMs::get);
        loop.start();
        loop.offer(new LoopInput.External(new Event.ModeRequested("ld", Mode.LOCKDOWN, Scope.SITE, false,
                new Source.Operator("okafor"), "test")));
        at(2_000);
        // office: active-high, fail-secure: locked = de-energised = low; main-entrance: fail-safe maglock, locked = high.
        MockDigitalOutput maglock = output("main-entrance.relay");
        assertEquals(DigitalState.HIGH, maglock.state());
        loop.close();
        assertEquals(DigitalState.HIGH, maglock.state(), "the maglock stays locked through an orderly stop");
    }

    @Test
    void shutdown_leaves_every_relay_at_its_de_energised_level() {
        MockDigitalOutput c101 = output("c101.relay");
        MockDigitalOutput exit = output("east-exit.relay");
        assertEquals(DigitalState.HIGH, c101.state());
        loop.close();
        assertEquals(DigitalState.LOW, c101.state());
        assertEquals(DigitalState.LOW, exit.state());
    }

    private long contactEvents() {
        return journal.readAll().stream()
                .filter(e -> e.event() instanceof Event.ContactChanged c && c.doorId().equals("c102")).count();
    }
}
