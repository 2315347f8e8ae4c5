package org.lockstep.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.lockstep.controller.config.ButtonWiring;
import org.lockstep.controller.config.ControllerWiring;
import org.lockstep.controller.config.DoorWiring;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.RelayShutdown;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.GroupCommitWriter;
import org.lockstep.controller.journal.JournalSettings;
import org.lockstep.controller.journal.JournalStorage;
import org.lockstep.controller.mqtt.MqttUplink;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.shell.ControllerDevices;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.DeviceAssembly;
import org.lockstep.controller.shell.LogOutbound;
import org.lockstep.controller.shell.LoopThread;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.shell.SerialDetectorDevice;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.Pull;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.PanicGuard;
import org.lockstep.hal.device.RelayWiring;
import org.lockstep.hal.gpio.Board;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.lockstep.hal.pi4j.Pi4jPorts;

/**
 * {@link BigSite}'s 64-door controller built as {@code lockstep run} builds one, with Pi4J's mock provider for the
 * pins: the real drivers (leading-edge debounce included), {@link ControllerLoop} on its {@link LoopThread}
 * publishing to the log and the uplink, a {@link FileJournal} in a temp dir (default settings) whose fsync can be
 * slowed on purpose, and {@link MqttUplink} over {@link PahoMqttTransport} to a broker. The wiring is made in code: a Pi's header has 28 GPIO lines, Pi4J's mock
 * has no such limit (relays on "pins" 100.., contacts 200.., the panic button on 300). Lock-relay writes are counted
 * and stamped after the real Pi4J write returned (a wrapper around the devices, outside the code under test).
 */
final class BigController implements AutoCloseable {
    static final String ID = "c1";
    static final String PANIC = "panic-office";

    final Context context;
    final Pi4jGpio gpio;
    final ScheduledExecutorService serial = Executors.newSingleThreadScheduledExecutor();
    final FileJournal journal;
    final SlowSync storage;
    final ControllerLoop loop;
    final MqttUplink uplink;
    final LoopThread thread;
    final MqttSettings settings;
    final Tally locks = new Tally();
    final Tally unlocks = new Tally();
    final AtomicLong lastLockNs = new AtomicLong();
    /** Set before a press: the lock count the press starts from, so the first of its writes can be stamped. */
    volatile int lockBase;
    final AtomicLong firstLockNs = new AtomicLong();
    private final MockDigitalInput panic;
    private final MockDigitalInput[] contacts = new MockDigitalInput[BigSite.DOORS];

    /**
     * @param panicDebounceMs the button's debounce (leading edge: the press is seen at once whatever it is; it only
     *     sets how soon the next press may follow a release)
     */
    BigController(Path journalDir, String brokerUrl, long panicDebounceMs, long contactDebounceMs) throws Exception {
        Site site = BigSite.site();
        MonotonicClock clock = MonotonicClock.system();
        context = Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        gpio = Pi4jGpio.of(context);
        Map<String, DoorWiring> doors = new LinkedHashMap<>();
        for (int i = 0; i < BigSite.DOORS; i++) {
            doors.put(BigSite.doorId(i), new DoorWiring(BigSite.doorId(i),
                    new RelayWiring(100 + i, true, FailMode.FAIL_SECURE),
                    new InputWiring(200 + i, true, Pull.UP, contactDebounceMs), Optional.empty()));
        }
        ControllerWiring wiring = new ControllerWiring(ID, Board.PI4, "gpiochip0", RelayShutdown.DE_ENERGISE, doors,
                Map.of(PANIC, new ButtonWiring(new InputWiring(300, false, Pull.UP, panicDebounceMs),
                        new PanicGuard.Hold(0))),
                Map.of(), Map.of());
        ControllerDevices devices = new Stamped(DeviceAssembly.assemble(site, wiring,
                new Pi4jPorts(gpio, clock, serial), SerialDetectorDevice::new), this);
        panic = context.io(Pi4jGpio.pi4jId(DeviceAssembly.portId(PANIC, "input")), MockDigitalInput.class);
        panic.mockState(DigitalState.HIGH); // pulled up: released
        for (int i = 0; i < BigSite.DOORS; i++) {
            contacts[i] = context.io(Pi4jGpio.pi4jId(DeviceAssembly.portId(BigSite.doorId(i), "contact")),
                    MockDigitalInput.class);
            contacts[i].mockState(DigitalState.LOW); // closed
        }
        storage = new SlowSync(JournalStorage.FILES);
        journal = FileJournal.open(journalDir, ID, JournalSettings.DEFAULTS, Clock.systemUTC(), storage);
        settings = MqttSettings.external("bench", URI.create(brokerUrl));
        uplink = new MqttUplink(settings, site, "bench", ID,
                new PahoMqttTransport(settings, ID, Topics.of(settings).availability(ID)), clock, Clock.systemUTC());
        // As RunningController: every publish also goes to the log (one line per door status, zone mode, alert, reply).
        loop = new ControllerLoop(new LockdownMachine(site, ID), devices, new GroupCommitWriter(journal),
                Outbound.fanOut(new LogOutbound(clock), uplink), uplink, clock);
        thread = new LoopThread(loop, clock);
        loop.start();
        uplink.bind(loop::offerNetwork);
        uplink.start();
        thread.start();
    }

    void press(boolean pressed) {
        panic.mockState(pressed ? DigitalState.LOW : DigitalState.HIGH);
    }

    void contact(int door, boolean open) {
        contacts[door].mockState(open ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public void close() {
        thread.close();
        uplink.close();
        loop.close();
        serial.shutdownNow();
        gpio.close();
    }

    /** The real devices; each relay write is counted (and a lock stamped) after it returned. */
    private static final class Stamped extends Delegating {
        private final BigController c;

        Stamped(ControllerDevices real, BigController c) {
            super(real);
            this.c = c;
        }

        @Override
        public void driveLock(String doorId, boolean lock) {
            super.driveLock(doorId, lock);
            if (lock) {
                long now = System.nanoTime();
                c.lastLockNs.set(now);
                if (c.locks.increment() == c.lockBase + 1) {
                    c.firstLockNs.set(now);
                }
            } else {
                c.unlocks.increment();
            }
        }
    }

    /** Real files; each fsync takes at least {@link #delayMs} longer when set, and is counted. */
    static final class SlowSync implements JournalStorage {
        private final JournalStorage real;
        volatile long delayMs;
        final AtomicLong syncs = new AtomicLong();

        SlowSync(JournalStorage real) {
            this.real = real;
        }

        @Override
        public SegmentChannel create(Path file) throws IOException {
            return slow(real.create(file));
        }

        @Override
        public SegmentChannel openAppend(Path file) throws IOException {
            return slow(real.openAppend(file));
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            real.syncDirectory(dir);
        }

        private SegmentChannel slow(SegmentChannel ch) {
            return new SegmentChannel() {
                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    ch.write(bytes);
                }

                @Override
                public void force() throws IOException {
                    syncs.incrementAndGet();
                    long d = delayMs;
                    if (d > 0) {
                        try {
                            Thread.sleep(d);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted in a slowed fsync", e);
                        }
                    }
                    ch.force();
                }

                @Override
                public long size() throws IOException {
                    return ch.size();
                }

                @Override
                public void truncate(long size) throws IOException {
                    ch.truncate(size);
                }

                @Override
                public void close() throws IOException {
                    ch.close();
                }
            };
        }
    }
}
