package org.lockstep.controller.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.lockstep.controller.config.ConfigProblem;
import org.lockstep.controller.config.ControllerWiring;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.mqtt.MqttSecrets;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.gpio.BootConfig;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.tinylog.Logger;

/**
 * {@code lockstep run}: one controller on a Raspberry Pi. Relays go to their safe state, the controller comes back
 * in the mode it was in, and only then does anything else start; SIGTERM shuts down in order.
 */
final class RunCommand {
    static final String HELP = """
            Usage: lockstep run --config FILE --controller ID [--journal DIR] [--key FILE] [--board pi|mock]
                                [--dry-run | --boot-config]

            Runs one controller of the site on this Raspberry Pi: its lock relays, door contacts, bolt monitors,
            panic buttons, fire-alarm input and weapon detectors, as the site file wires them to ID.

            Options:
              --config FILE      the site file (e.g. /etc/lockstep/site.yaml)
              --controller ID    which controller of the site this box is
              --journal DIR      where this controller journals every event (default /var/lib/lockstep/journal/ID);
                                 on start it is replayed, so a lockdown survives a power cut or a crash
              --key FILE         this controller's private key (default /etc/lockstep/keys/ID.key, mode 0600): it
                                 signs its zone modes and panic/detector shares, and the other controllers act on
                                 nothing unsigned. Without it the controller still runs and locks its own doors,
                                 and says at start (log and a fault alert) that its peers will refuse its messages
              --board mock       run on Pi4J's mock GPIO instead of the header: the whole controller (journal,
                                 serial detectors, MQTT) with no pin driven, for tests, CI and training.
                                 Refused on a Raspberry Pi. Default: pi
              --dry-run          print the pin map (BCM, header pin, device, wiring) and its checks, then exit;
                                 exits 2 if the pin map has a problem
              --boot-config      print the config.txt lines that hold every relay de-energised from power-on,
                                 before Lockstep starts (append them to /boot/firmware/config.txt), then exit

            Needs /dev/gpiochip* (the 'gpio' group) and, for serial detectors, the 'dialout' group.
            """;

    static final String DEFAULT_JOURNAL_ROOT = "/var/lib/lockstep/journal";
    /** Where the pins are: the Pi's header, or Pi4J's mock provider ({@code --board mock}). */
    enum GpioBoard { PI, MOCK }

    private static final Path DEVICE_TREE_MODEL = Path.of("/proc/device-tree/model");

    private RunCommand() {}

    static int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        Path file = Path.of(args.option("--config").orElseThrow(
                () -> new Args.UsageException("run needs --config FILE")));
        String controller = args.option("--controller").orElseThrow(
                () -> new Args.UsageException("run needs --controller ID (which controller of the site this box is)"));
        GpioBoard board = board(args.option("--board").orElse("pi"));
        if (args.flag("--dry-run") && args.flag("--boot-config")) {
            throw new Args.UsageException("choose one of --dry-run and --boot-config");
        }
        Optional<SiteConfig> loaded = SiteFile.load(file, err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
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
        try {
            // Refuse to start with a broker password others can read (the message says which chmod to run).
            config.mqtt().secretsFor(controller).ifPresent(MqttSecrets::read);
        } catch (MqttSecrets.Unusable e) {
            err.println("lockstep: " + e.getMessage());
            return Main.INVALID_CONFIG;
        }
        Path keyFile = args.option("--key").map(Path::of).orElse(ControllerKey.defaultFile(controller));
        return runController(config, wiring, journalDir, keyFile, board, err);
    }

    private static GpioBoard board(String text) throws Args.UsageException {
        return switch (text) {
            case "pi" -> GpioBoard.PI;
            case "mock" -> GpioBoard.MOCK;
            default -> throw new Args.UsageException("--board must be pi or mock, found '" + text + "'");
        };
    }

    private static int runController(SiteConfig config, ControllerWiring wiring, Path journalDir, Path keyFile,
            GpioBoard board, PrintStream err) {
        Pi4jGpio gpio;
        try {
            gpio = switch (board) {
                case PI -> Pi4jGpio.onBoard(wiring.gpioChip());
                case MOCK -> mockBoard(DEVICE_TREE_MODEL);
            };
        } catch (HardwareException e) {
            err.println("lockstep: cannot reach the GPIO: " + e.getMessage());
            return Main.FAILED;
        }
        RunningController running = RunningController.start(config, wiring, journalDir, gpio, keyFile);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            LogFlush.now(); // the stop lines are written before the JVM ends (tinylog's own hook is off)
            stopped.countDown();
        }, "lockstep-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    /** Pi4J's mock board, refused on a Raspberry Pi: there it would leave every real door undriven. */
    static Pi4jGpio mockBoard(Path deviceTreeModel) {
        String model = "";
        try {
            model = Files.readString(deviceTreeModel).replace("\0", "");
        } catch (IOException | RuntimeException e) {
            // No device tree model: not a Pi (a PC or a CI runner), which is where the mock board belongs.
        }
        if (model.contains("Raspberry Pi")) {
            throw new HardwareException(Pi4jGpio.DEVICE_ID, "--board mock is refused on a Raspberry Pi (" + model.strip()
                    + "): it would drive no relay; leave --board out to use the header's GPIO");
        }
        Logger.warn("--board mock: Pi4J's mock GPIO, no pin is driven; for tests and training only");
        return Pi4jGpio.mockBoard();
    }
}
