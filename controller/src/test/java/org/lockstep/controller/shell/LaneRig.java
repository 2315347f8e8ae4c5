package org.lockstep.controller.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.controller.journal.MemoryJournal;
import org.lockstep.hal.device.DeviceSignal;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.lockstep.hal.pi4j.Pi4jPorts;

/**
 * One real controller ({@code lanes/site.yaml}: c1, six doors, a panic button that fires on the press) on Pi4J's mock
 * provider, with the real drivers, loop and core, a memory journal and a hand-driven clock.
 */
final class LaneRig implements AutoCloseable {
    static final List<String> DOORS = List.of("d1", "d2", "d3", "d4", "d5", "d6");

    final AtomicLong nowMs = new AtomicLong(1_000);
    final EventJournal journal;
    final Context context;
    final Pi4jGpio gpio;
    final ScheduledExecutorService serial = Executors.newSingleThreadScheduledExecutor();
    final ControllerLoop loop;

    LaneRig() throws Exception {
        this(d -> d);
    }

    /** @param wrap lets a test put a double around the real devices (a driver that throws) */
    LaneRig(UnaryOperator<ControllerDevices> wrap) throws Exception {
        this(wrap, Outbound.NONE);
    }

    LaneRig(UnaryOperator<ControllerDevices> wrap, Outbound outbound) throws Exception {
        this(wrap, outbound, new MemoryJournal());
    }

    LaneRig(UnaryOperator<ControllerDevices> wrap, Outbound outbound, EventJournal journal) throws Exception {
        this.journal = journal;
        SiteConfig config = SiteConfigLoader.load(Path.of(LaneRig.class.getResource("/lanes/site.yaml").toURI()));
        context = Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        gpio = Pi4jGpio.of(context);
        WiredDevices devices = DeviceAssembly.assemble(config.site(), config.wiring().get("c1"),
                new Pi4jPorts(gpio, nowMs::get, serial), SerialDetectorDevice::new);
        // The panic button is pressed when low (pulled up): the mock starts low, so release it first.
        input("panic-office.input").mockState(DigitalState.HIGH);
        loop = new ControllerLoop(new LockdownMachine(config.site(), "c1"), wrap.apply(devices), journal,
                outbound, SiteBus.NONE, nowMs::get);
        loop.start();
    }

    MockDigitalInput input(String portId) {
        return context.io(Pi4jGpio.pi4jId(portId), MockDigitalInput.class);
    }

    MockDigitalOutput relay(String doorId) {
        return context.io(Pi4jGpio.pi4jId(doorId + ".relay"), MockDigitalOutput.class);
    }

    /** Active-high relays on fail-secure locks: locked is de-energised, low. */
    boolean allLocked() {
        return DOORS.stream().allMatch(d -> relay(d).state() == DigitalState.LOW);
    }

    boolean noneLocked() {
        return DOORS.stream().allMatch(d -> relay(d).state() == DigitalState.HIGH);
    }

    void press() {
        input("panic-office.input").mockState(DigitalState.LOW);
    }

    void release() {
        input("panic-office.input").mockState(DigitalState.HIGH);
    }

    static Event.ModeRequested request(String id, Mode mode, String operator) {
        return new Event.ModeRequested(id, mode, Scope.SITE, false, new Source.Operator(operator), "test");
    }

    @Override
    public void close() {
        loop.close();
        serial.shutdownNow();
        gpio.close();
    }

    /** Every call goes to the real devices; a test overrides the one that should fail. */
    static class Delegating implements ControllerDevices {
        final ControllerDevices real;

        Delegating(ControllerDevices real) {
            this.real = real;
        }

        @Override
        public void attach(Consumer<DeviceSignal> sink, Inbox inbox) {
            real.attach(sink, inbox);
        }

        @Override
        public void driveAllSafe() {
            real.driveAllSafe();
        }

        @Override
        public void driveLock(String doorId, boolean lock) {
            real.driveLock(doorId, lock);
        }

        @Override
        public void start(long nowMs) {
            real.start(nowMs);
        }

        @Override
        public void onEdge(String inputId, boolean high, long atMs) {
            real.onEdge(inputId, high, atMs);
        }

        @Override
        public void onSerialBytes(String linkId, byte[] bytes, long atMs) {
            real.onSerialBytes(linkId, bytes, atMs);
        }

        @Override
        public void onSerialDisconnected(String linkId, String detail, long atMs) {
            real.onSerialDisconnected(linkId, detail, atMs);
        }

        @Override
        public void poll(long nowMs) {
            real.poll(nowMs);
        }

        @Override
        public OptionalLong nextDeadlineMs() {
            return real.nextDeadlineMs();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
