package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.lockstep.controller.config.ConfigException;
import org.lockstep.controller.config.ConfigProblem;
import org.lockstep.controller.config.ControllerWiring;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.MemoryJournal;
import org.lockstep.controller.shell.LoopInput;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.DeviceAssembly;
import org.lockstep.controller.shell.LogOutbound;
import org.lockstep.controller.shell.LoopThread;
import org.lockstep.controller.shell.SerialDetectorDevice;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.mqtt.EmbeddedBroker;
import org.lockstep.controller.mqtt.MqttSettings;
import org.lockstep.controller.mqtt.MqttUplink;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.shell.WiredDevices;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.gpio.BootConfig;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.lockstep.hal.pi4j.Pi4jPorts;
import org.tinylog.Logger;

/**
 * {@code lockstep run}: one controller on a Raspberry Pi. Relays go to their safe state, the controller comes back
 * in the mode it was in, and only then does anything else start; SIGTERM shuts down in order.
 */
final class RunCommand {
    static final String HELP = """
            Usage: lockstep run --config FILE --controller ID [--journal DIR] [--dry-run | --boot-config]

            Runs one controller of the site on this Raspberry Pi: its lock relays, door contacts, bolt monitors,
            panic buttons, fire-alarm input and weapon detectors, as the site file wires them to ID.

            Options:
              --config FILE      the site file (e.g. /etc/lockstep/site.yaml)
              --controller ID    which controller of the site this box is
              --journal DIR      where this controller journals every event (default /var/lib/lockstep/journal/ID);
                                 on start it is replayed, so a lockdown survives a power cut or a crash
              --dry-run          print the pin map (BCM, header pin, device, wiring) and its checks, then exit;
                                 exits 2 if the pin map has a problem
              --boot-config      print the config.txt lines that hold every relay de-energised from power-on,
                                 before Lockstep starts (append them to /boot/firmware/config.txt), then exit

            Needs /dev/gpiochip* (the 'gpio' group) and, for serial detectors, the 'dialout' group.
            """;

    static final String DEFAULT_JOURNAL_ROOT = "/var/lib/lockstep/journal";

    private RunCommand() {}

    static int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        Path file = Path.of(args.option("--config").orElseThrow(
                () -> new Args.UsageException("run needs --config FILE")));
        String controller = args.option("--controller").orElseThrow(
                () -> new Args.UsageException("run needs --controller ID (which controller of the site this box is)"));
        if (args.flag("--dry-run") && args.flag("--boot-config")) {
            throw new Args.UsageException("choose one of --dry-run and --boot-config");
        }
        SiteConfig config;
        try {
            config = SiteConfigLoader.load(file);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.println(file + ": not valid; nothing was started. Run 'lockstep check-config " + file + "'.");
            return Main.INVALID_CONFIG;
        }
        ControllerWiring wiring = config.wiring().get(controller);
        if (wiring == null) {
            err.println("lockstep: controller '" + controller + "' is not in " + file + "; it has "
                    + config.site().controllers().stream().map(c -> c.id()).toList());
            return Main.USAGE;
        }
        for (ConfigProblem w : config.warnings()) {
            err.println("warning: " + w);
        }
        if (args.flag("--boot-config")) {
            BootConfig boot = BootConfig.forRelays(wiring.board(), PinTable.relays(wiring));
            out.print(boot.text());
            boot.warnings().forEach(w -> err.println("warning: " + w));
            return Main.OK;
        }
        if (args.flag("--dry-run")) {
            out.print(PinTable.render(wiring));
            return PinTable.hasProblems(wiring) ? Main.INVALID_CONFIG : Main.OK;
        }
        Path journalDir = Path.of(args.option("--journal").orElse(DEFAULT_JOURNAL_ROOT + "/" + controller));
        return runController(config, wiring, journalDir, err);
    }

    private static int runController(SiteConfig config, ControllerWiring wiring, Path journalDir, PrintStream err) {
        Pi4jGpio gpio;
        try {
            gpio = Pi4jGpio.onBoard(wiring.gpioChip());
        } catch (HardwareException e) {
            err.println("lockstep: cannot reach the GPIO: " + e.getMessage());
            return Main.FAILED;
        }
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
        // A site-local broker inside this process (a one-controller site), or the building's broker.
        EmbeddedBroker broker = config.mqtt().broker() == MqttSettings.Broker.EMBEDDED
                ? new EmbeddedBroker(config.mqtt().embeddedPort()) : null;
        MqttUplink uplink = new MqttUplink(config.mqtt(), config.site(), config.siteId(), id,
                new PahoMqttTransport(config.mqtt(), id, config.mqtt().topics().availability(id)), clock,
                Clock.systemUTC());
        uplink.trust(config.keys(), ClockSync::state, Clock.systemUTC());
        if (!ClockSync.canTell()) {
            Logger.warn("no systemd-timesyncd ({} absent): cannot tell whether the clock is synchronised, so commands' "
                    + "issuedAt is judged against it as if it were (docs/SECURITY.md)", ClockSync.TIMESYNC_DIR);
        }
        if (config.keys().isEmpty()) {
            Logger.warn("the site file lists no keys: every command will be refused as unsigned (docs/SECURITY.md)");
        }
        ControllerLoop loop = new ControllerLoop(new LockdownMachine(config.site(), id), devices,
                journal, Outbound.fanOut(new LogOutbound(), uplink), uplink, clock);
        // Safety rule 4: relays safe, journal replayed, relays re-asserted, and only then the network.
        loop.start();
        LoopThread thread = new LoopThread(loop, clock);
        thread.start();
        if (broker != null) {
            try {
                broker.start();
            } catch (RuntimeException e) {
                Logger.error("embedded MQTT broker on port {} did not start: {}; the doors work, consoles cannot"
                        + " see them", config.mqtt().embeddedPort(), e.getMessage());
            }
        }
        if (journalFault != null) {
            loop.offer(new LoopInput.External(new Event.DeviceFaulted("journal", journalFault)));
        }
        uplink.bind(loop::offerNetwork).start();
        Logger.info("controller {} of '{}' running {} doors", wiring.controllerId(), config.site().name(),
                wiring.doors().size());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Logger.info("controller {} stopping", wiring.controllerId());
            uplink.close();
            thread.close();
            loop.close();
            if (broker != null) {
                broker.close();
            }
            serialSupervisor.shutdownNow();
            gpio.close();
            stopped.countDown();
        }, "lockstep-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }
}
