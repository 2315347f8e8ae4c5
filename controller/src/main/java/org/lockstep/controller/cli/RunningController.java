package org.lockstep.controller.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.lockstep.controller.config.ControllerWiring;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.MemoryJournal;
import org.lockstep.controller.mqtt.LocalBroker;
import org.lockstep.controller.mqtt.MqttUplink;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.DeviceAssembly;
import org.lockstep.controller.shell.LogOutbound;
import org.lockstep.controller.shell.LoopInput;
import org.lockstep.controller.shell.LoopThread;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.shell.SerialDetectorDevice;
import org.lockstep.controller.shell.WiredDevices;
import org.lockstep.controller.systemd.LoopWatchdog;
import org.lockstep.controller.systemd.SdNotify;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.lockstep.hal.pi4j.Pi4jPorts;
import org.tinylog.Logger;

/**
 * One controller as {@code lockstep run} wires it, from the GPIO it is given to the broker: started in the order
 * safety rule 4 needs, stopped by {@link #close()} (the SIGTERM shutdown hook). {@code run} on a Pi and the
 * end-to-end tests on Pi4J's mock board go through this same class, so the tests exercise the production wiring.
 */
final class RunningController implements AutoCloseable {
    private final String controllerId;
    private final Pi4jGpio gpio;
    private final ScheduledExecutorService serialSupervisor;
    private final LocalBroker broker;
    private final MqttUplink uplink;
    private final ControllerLoop loop;
    private final LoopThread thread;
    private final Optional<SdNotify> notify;
    private final LoopWatchdog watchdog;
    private boolean closed;

    private RunningController(String controllerId, Pi4jGpio gpio, ScheduledExecutorService serialSupervisor,
            LocalBroker broker, MqttUplink uplink, ControllerLoop loop, LoopThread thread,
            Optional<SdNotify> notify, LoopWatchdog watchdog) {
        this.controllerId = controllerId;
        this.gpio = gpio;
        this.serialSupervisor = serialSupervisor;
        this.broker = broker;
        this.uplink = uplink;
        this.loop = loop;
        this.thread = thread;
        this.notify = notify;
        this.watchdog = watchdog;
    }

    /**
     * Claims the pins on {@code gpio} (relays at their de-energised level), replays the journal, re-asserts the
     * relays, starts the event loop, and only then the network. Returns once all of that is done; {@code gpio} is
     * owned by the result from here on.
     *
     * @param keyFile this controller's private key ({@link ControllerKey}); without a usable one it still runs
     */
    static RunningController start(SiteConfig config, ControllerWiring wiring, Path journalDir, Pi4jGpio gpio,
            Path keyFile) {
        java.time.Instant startedAt = Clock.systemUTC().instant();
        EventJournal journal;
        String journalFault = null;
        try {
            journal = FileJournal.open(journalDir, wiring.controllerId(), config.journal(), Clock.systemUTC());
        } catch (RuntimeException e) {
            // Doors must still be managed: run on a memory journal, and say so loudly as a fault.
            journalFault = "journal in " + journalDir + " unusable (" + e.getMessage()
                    + "): running without one; a restart will not remember the mode";
            Logger.error("{}", journalFault);
            journal = new MemoryJournal();
        }
        // The core's time must never go backwards, also across a reboot: continue from the journal's last record.
        long base = journal instanceof FileJournal f ? f.lastAtMs() + 1 : 0;
        if (journal instanceof FileJournal f) {
            // Written and fsynced on a thread of its own: the loop never waits for the disk (docs/JOURNAL.md).
            journal = new org.lockstep.controller.journal.GroupCommitWriter(f);
        }
        MonotonicClock uptime = MonotonicClock.system();
        MonotonicClock clock = () -> base + uptime.nowMs();
        ScheduledExecutorService serialSupervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lockstep-serial");
            t.setDaemon(true);
            return t;
        });
        WiredDevices devices = DeviceAssembly.assemble(config.site(), wiring,
                new Pi4jPorts(gpio, clock, serialSupervisor), SerialDetectorDevice::new);
        String id = wiring.controllerId();
        MqttUplink uplink = new MqttUplink(config.mqtt(), config.site(), config.siteId(), id,
                new PahoMqttTransport(config.mqtt(), id, Topics.of(config.mqtt()).availability(id)), clock,
                Clock.systemUTC());
        uplink.trust(config.keys(), ClockSync::state, Clock.systemUTC());
        if (!ClockSync.canTell()) {
            Logger.warn("no systemd-timesyncd ({} absent): cannot tell whether the clock is synchronised, so commands' "
                    + "issuedAt is judged against it as if it were (docs/SECURITY.md)", ClockSync.TIMESYNC_DIR);
        }
        if (config.keys().isEmpty()) {
            Logger.warn("the site file lists no keys: every command will be refused as unsigned (docs/SECURITY.md)");
        }
        ControllerKey.Loaded key = ControllerKey.load(config, id, keyFile);
        key.signer().ifPresent(uplink::signer);
        boolean hasPeers = config.site().controllers().size() > 1;
        if (key.problem().isPresent() && hasPeers) {
            Logger.error("PEER MESSAGES WILL BE REFUSED: {}", key.problem().get());
        } else if (key.problem().isPresent()) {
            Logger.info("controller {} is the site's only controller, so no peer needs its signature: {}", id,
                    key.problem().get());
        } else {
            Logger.info("controller {} signs its zone modes and shares with {} (key {}…)", id, keyFile,
                    key.signer().orElseThrow().publicKey().shortId());
        }
        ControllerLoop loop = new ControllerLoop(new LockdownMachine(config.site(), id), devices,
                journal, Outbound.fanOut(new LogOutbound(clock), uplink), uplink, clock);
        // Safety rule 4: relays safe, journal replayed, relays re-asserted, and only then the network.
        loop.start();
        LoopThread thread = new LoopThread(loop, clock);
        thread.start();
        // Relays are re-asserted: tell systemd we are up (Type=notify), and feed its watchdog while the loop turns.
        Optional<SdNotify> notify = SdNotify.fromEnvironment(System.getenv());
        notify.ifPresent(n -> n.send("READY=1\nSTATUS=controller " + id + ": relays re-asserted, loop running"));
        LoopWatchdog watchdog = notify.flatMap(n -> {
            OptionalLong ms = SdNotify.watchdogMs(System.getenv(), ProcessHandle.current().pid());
            return ms.isPresent() ? Optional.of(new LoopWatchdog(thread::turns, n, ms.getAsLong()).start())
                    : Optional.empty();
        }).orElse(null);
        LocalBroker broker = config.mqtt().broker() == MqttSettings.Broker.EMBEDDED ? startLocalBroker(config) : null;
        if (journalFault != null) {
            loop.offer(new LoopInput.External(new Event.DeviceFaulted("journal", journalFault)));
        }
        // Visible at the office, not only in this box's log; a later start with a good key clears it.
        loop.offer(new LoopInput.External(key.problem().isPresent() && hasPeers
                ? new Event.DeviceFaulted(ControllerKey.FAULT_ID, "peers refuse this controller's messages: "
                        + key.problem().get())
                : new Event.DeviceRecovered(ControllerKey.FAULT_ID)));
        // The fleet view (lockstep status): which software, which site file, since when, and the journal's health.
        uplink.info(Main.version(), config.fileSha256(), startedAt, loop::journalHealth);
        uplink.bind(loop::offerNetwork).start();
        Logger.info("controller {} of '{}' running {} doors", id, config.site().name(), wiring.doors().size());
        return new RunningController(id, gpio, serialSupervisor, broker, uplink, loop, thread, notify, watchdog);
    }

    /** A broker in this process for {@code mqtt.broker: embedded}; after the relays, and its failure stops nothing. */
    private static LocalBroker startLocalBroker(SiteConfig config) {
        int port = config.mqtt().embeddedPort();
        Optional<LocalBroker.Provider> provider = LocalBroker.provider();
        if (provider.isEmpty()) {
            Logger.error("the site file asks for an embedded MQTT broker (mqtt.broker: embedded), which only the "
                    + "simulator has, not this installation: the doors work, consoles cannot see them; point mqtt: "
                    + "at the site's broker (docs/mqtt.md, Broker)");
            return null;
        }
        try {
            return provider.get().start(port);
        } catch (RuntimeException e) {
            Logger.error("embedded MQTT broker on port {} did not start: {}; the doors work, consoles cannot see them",
                    port, e.getMessage());
            return null;
        }
    }

    String controllerId() {
        return controllerId;
    }

    /**
     * The orderly stop (SIGTERM, {@code systemctl stop}): network first, then the loop, then the pins, each relay
     * left as the site's {@code relayShutdown} says. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Logger.info("controller {} stopping", controllerId);
        notify.ifPresent(n -> n.send("STOPPING=1"));
        if (watchdog != null) {
            watchdog.close();
        }
        uplink.close();
        thread.close();
        loop.close();
        if (broker != null) {
            broker.close();
        }
        serialSupervisor.shutdownNow();
        gpio.close();
        Logger.info("controller {} stopped", controllerId);
    }
}
