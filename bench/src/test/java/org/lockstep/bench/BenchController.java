package org.lockstep.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.JournalSettings;
import org.lockstep.controller.mqtt.MqttUplink;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.shell.ControllerDevices;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.DeviceAssembly;
import org.lockstep.controller.shell.LoopThread;
import org.lockstep.controller.shell.NetworkInbox;
import org.lockstep.controller.shell.SerialDetectorDevice;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.lockstep.hal.pi4j.Pi4jPorts;

/**
 * One controller built as {@code lockstep run} builds it, with Pi4J's mock provider for the pins: the real drivers,
 * {@link ControllerLoop} on its {@link LoopThread}, a {@link FileJournal} in a temp dir, and {@link MqttUplink} over
 * {@link PahoMqttTransport} to a broker. Two taps, both outside the code under test: relay writes are stamped after the
 * real Pi4J write returns (a wrapper around the devices), and the network lane's offers of the benchmark's own
 * commands (ids starting {@code real-}) are stamped as "arrived at the controller".
 */
final class BenchController implements AutoCloseable {
    static final String ID = "c1";
    /** The panic button's zone (east: d1-d3) and the MQTT LOCKDOWN's (west: d4-d6). */
    static final int DOORS_PER_ZONE = 3;

    final Context context;
    final Pi4jGpio gpio;
    final ScheduledExecutorService serial = Executors.newSingleThreadScheduledExecutor();
    final FileJournal journal;
    final ControllerLoop loop;
    final MqttUplink uplink;
    final LoopThread thread;
    final MqttSettings settings;
    /** Relay writes per zone, and the time of the last lock. */
    final Relays east = new Relays();
    final Relays west = new Relays();
    final AtomicLong lastArrivalNs = new AtomicLong();

    static final class Relays {
        final AtomicInteger locks = new AtomicInteger();
        final AtomicInteger unlocks = new AtomicInteger();
        final AtomicLong lastLockNs = new AtomicLong();
    }

    BenchController(Path journalDir, String brokerUrl) throws Exception {
        SiteConfig config = SiteConfigLoader.load(Path.of(BenchController.class.getResource("/bench-site.yaml").toURI()));
        MonotonicClock clock = MonotonicClock.system();
        context = Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        gpio = Pi4jGpio.of(context);
        ControllerDevices devices = new StampedRelays(DeviceAssembly.assemble(config.site(), config.wiring().get(ID),
                new Pi4jPorts(gpio, clock, serial), SerialDetectorDevice::new), this);
        panic().mockState(DigitalState.HIGH); // pressed when low (pulled up): released
        journal = FileJournal.open(journalDir, ID, JournalSettings.DEFAULTS, Clock.systemUTC());
        settings = MqttSettings.external("bench", URI.create(brokerUrl));
        uplink = new MqttUplink(settings, config.site(), "bench", ID,
                new PahoMqttTransport(settings, ID, Topics.of(settings).availability(ID)), clock, Clock.systemUTC());
        loop = new ControllerLoop(new LockdownMachine(config.site(), ID), devices, journal, uplink, uplink, clock);
        thread = new LoopThread(loop, clock);
        loop.start();
        uplink.bind(arrivalTap(loop));
        uplink.start();
        thread.start();
    }

    private NetworkInbox arrivalTap(ControllerLoop loop) {
        return (key, event) -> {
            if (event instanceof Event.ModeRequested r && r.requestId().startsWith("real-")) {
                lastArrivalNs.set(System.nanoTime());
            }
            return loop.offerNetwork(key, event);
        };
    }

    MockDigitalInput panic() {
        return context.io(Pi4jGpio.pi4jId("panic-office.input"), MockDigitalInput.class);
    }

    @Override
    public void close() {
        thread.close();
        uplink.close();
        loop.close();
        serial.shutdownNow();
        gpio.close();
    }

    /** The real devices; each lock-relay write is counted and stamped after it returned. */
    private static final class StampedRelays extends Delegating {
        private final BenchController c;

        StampedRelays(ControllerDevices real, BenchController c) {
            super(real);
            this.c = c;
        }

        @Override
        public void driveLock(String doorId, boolean lock) {
            super.driveLock(doorId, lock);
            Relays r = List.of("d1", "d2", "d3").contains(doorId) ? c.east : c.west;
            if (lock) {
                r.lastLockNs.set(System.nanoTime());
                r.locks.incrementAndGet();
            } else {
                r.unlocks.incrementAndGet();
            }
        }
    }
}
