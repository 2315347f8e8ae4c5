package org.lockstep.simulator.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lockstep.controller.cli.Args;
import org.lockstep.controller.cli.Main;
import org.lockstep.controller.cli.SiteFile;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.simulator.RealTimePacer;
import org.lockstep.simulator.SimMqtt;
import org.lockstep.simulator.SimulatedSchool;

/**
 * {@code lockstep sim}: the simulated school with a live door table. One thread owns the simulation: it advances the
 * virtual clock with the wall clock, runs typed commands, and redraws the table when something changed. The
 * keyboard reader only queues lines.
 */
final class SimCommand {
    /** How often the simulation catches up with the wall clock, and at most how often the table is redrawn. */
    static final long TICK_MS = 50;
    static final long REDRAW_MIN_MS = 200;
    /** The clock on screen moves at least this often, so a quiet school does not look frozen. */
    static final long REDRAW_MAX_MS = 1_000;

    private SimCommand() {}

    static int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (!args.positionals().isEmpty()) {
            throw new Args.UsageException("sim takes no positional arguments; did you mean --config "
                    + args.positionals().getFirst() + "?");
        }
        Path file = Path.of(args.option("--config").orElse(Main.DEFAULT_SITE));
        double speed = args.doubleOption("--speed", 1.0);
        if (!(speed > 0 && speed <= 1000)) {
            throw new Args.UsageException("--speed must be more than 0 and at most 1000");
        }
        long seed = args.longOption("--seed", 1);
        Optional<SiteConfig> loaded = SiteFile.load(file, err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
        if (args.flag("--realtime") && args.option("--script").isEmpty()) {
            throw new Args.UsageException("--realtime goes with --script (at the keyboard the sim always runs in"
                    + " real time)");
        }
        if (!org.tinylog.configuration.Configuration.isFrozen()) {
            // The screen (or a script's output) is the door table: logs go to a file. Only possible before the first
            // log call of the process (a test JVM has logged already and keeps its own configuration).
            Path log = Path.of(System.getProperty("java.io.tmpdir"), "lockstep-sim.log");
            org.tinylog.configuration.Configuration.set("writer", "file");
            org.tinylog.configuration.Configuration.set("writer.file", log.toString());
            org.tinylog.configuration.Configuration.set("writer.level", "info");
            err.println("lockstep sim: logs go to " + log);
        }
        boolean script = args.option("--script").isPresent();
        // MQTT: on by default at the keyboard (consoles can watch), off for scripts unless a port is given.
        boolean mqttOn = !args.flag("--no-mqtt") && (!script || args.option("--mqtt-port").isPresent());
        SimMqtt mqtt = null;
        Path keyDir = null;
        String responderToken = null;
        java.util.Map<String, org.lockstep.controller.trust.MessageSigner> controllerKeys = java.util.Map.of();
        if (mqttOn) {
            try {
                SimKeys.Provisioned keys = SimKeys.provision(config);
                config = keys.config();
                keyDir = keys.dir();
                controllerKeys = keys.controllerKeys();
                responderToken = keys.responderToken();
            } catch (java.io.IOException | org.lockstep.controller.trust.KeyFiles.KeyFileException e) {
                err.println("lockstep: cannot make the sim's example keys: " + e.getMessage());
                return Main.FAILED;
            }
            try {
                mqtt = SimMqtt.start(config, (int) args.longOption("--mqtt-port", -1), controllerKeys)
                        .version(Main.version());
            } catch (RuntimeException e) {
                if (args.option("--mqtt-port").isPresent()
                        || config.mqtt().broker() != org.lockstep.controller.config.MqttSettings.Broker.EMBEDDED) {
                    err.println("lockstep: cannot start MQTT: " + e.getMessage()
                            + "\n  Is another broker on that port? Use --mqtt-port N, or --no-mqtt.");
                    return Main.FAILED;
                }
                // The site file's port is taken (a local Mosquitto, another sim): any free port will do here.
                mqtt = SimMqtt.start(config, org.lockstep.embeddedbroker.EmbeddedBroker.freePort(), controllerKeys)
                        .version(Main.version());
                err.println("lockstep sim: port " + config.mqtt().embeddedPort() + " is in use; the embedded broker is on "
                        + mqtt.url() + " instead");
            }
        }
        SiteBoard board = new SiteBoard();
        Outbound outbound = mqtt == null ? board : Outbound.fanOut(board, mqtt);
        // Virtual time 0 is this instant: every wall time the school stamps is origin + virtual time, and the
        // interactive loop keeps virtual time on the real clock from here, start-up included.
        RealTimePacer pacer = RealTimePacer.startNow(speed);
        SimulatedSchool school = SimulatedSchool.create(config, seed, outbound, pacer.origin(),
                args.option("--journal").isEmpty() ? (id, wall) -> new org.lockstep.controller.journal.MemoryJournal()
                        : (id, wall) -> org.lockstep.controller.journal.FileJournal.open(
                                Path.of(args.option("--journal").get(), id), id,
                                org.lockstep.controller.journal.JournalSettings.DEFAULTS, wall));
        if (mqtt != null) {
            mqtt.attach(school); // after the controllers started: relays first, network second
            String port = mqtt.url().replaceAll(".*:", "");
            board.note("MQTT: " + mqtt.url() + "  (mosquitto_sub -i console -h 127.0.0.1 -p " + port
                    + " -t '" + mqtt.topics().prefix() + "/#' -v)");
            board.note("keys: " + keyDir + "  (lockstep command lockdown --key " + keyDir + "/"
                    + (config.site().operators().isEmpty() ? "ID" : config.site().operators().getFirst().id())
                    + ".key --mqtt-port " + port + ")");
            err.println("lockstep sim: example keys for every operator, console and controller in " + keyDir);
            Path creds = keyDir.resolve(SimKeys.OPERATORS_DIR);
            String consoleLine = "lockstep console --mqtt-port " + port + " --key " + keyDir + "/front-desk.key"
                    + " --operators " + creds + " --responders " + keyDir.resolve(SimKeys.RESPONDERS_DIR)
                    + " --data " + keyDir.resolve("console-data") + " --keys " + keyDir
                    + "  (sign in as " + config.site().operators().stream()
                            .filter(o -> Files.exists(creds.resolve(o.id() + ".cred")))
                            .map(o -> o.id() + " / " + SimKeys.examplePassword(o.id()))
                            .collect(java.util.stream.Collectors.joining(", ")) + ")";
            board.note("console: " + consoleLine);
            err.println("lockstep sim: the console, with sign-in: " + consoleLine); // whole: the board clips it
            String responderLink = "https://127.0.0.1:8443/r/" + responderToken;
            board.note("responder: " + responderLink + "  (read only, for the SRO's phone)");
            err.println("lockstep sim: the example responder link (read only; works on that console): "
                    + responderLink);
        }
        SimConsole console = new SimConsole(school, board, args.option("--operator").orElse(null));
        try {
            if (script) {
                return runScript(Path.of(args.option("--script").get()), console, board, school, out, err,
                        args.flag("--realtime") ? speed : 0, mqtt);
            }
            return runInteractive(console, board, school, pacer, out, mqtt);
        } finally {
            school.close();
            if (mqtt != null) {
                mqtt.close();
            }
        }
    }

    /** @param realtimeSpeed 0 for virtual time (as fast as the CPU allows); else virtual seconds per wall second */
    private static int runScript(Path script, SimConsole console, SiteBoard board, SimulatedSchool school,
            PrintStream out, PrintStream err, double realtimeSpeed, SimMqtt mqtt) {
        List<String> lines;
        try {
            lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("lockstep: script " + script + " not found");
            return Main.FAILED;
        } catch (IOException e) {
            err.println("lockstep: cannot read script " + script + ": " + e.getMessage());
            return Main.FAILED;
        }
        int n = 0;
        for (String line : lines) {
            n++;
            if (realtimeSpeed > 0 && !line.isBlank()) {
                java.util.Optional<Double> wait;
                try {
                    wait = SimConsole.waitSeconds(line.replaceAll("#.*", ""));
                } catch (IllegalArgumentException e) {
                    err.println(script + ":" + n + ": error: " + e.getMessage());
                    return Main.USAGE;
                }
                if (wait.isPresent()) {
                    waitOnWallClock(wait.get(), realtimeSpeed, school, mqtt);
                    continue;
                }
            }
            String result = console.execute(line);
            if (mqtt != null) {
                mqtt.runPending();
            }
            if (result.startsWith("error:")) {
                err.println(script + ":" + n + ": " + result);
                return Main.USAGE;
            }
            if (!result.isEmpty()) {
                out.println("> " + line.strip() + "\n  " + result);
            }
            if (console.quitRequested()) {
                break;
            }
        }
        out.print(new DoorTable(false).render(board.snapshot(), school.nowMs(), 120));
        return Main.OK;
    }

    /** Lets {@code seconds} of virtual time pass at {@code speed} virtual seconds per wall second, serving MQTT. */
    private static void waitOnWallClock(double seconds, double speed, SimulatedSchool school, SimMqtt mqtt) {
        long virtualEnd = school.nowMs() + (long) (seconds * 1000);
        long wallStart = System.nanoTime();
        long virtualStart = school.nowMs();
        while (school.nowMs() < virtualEnd) {
            if (mqtt != null) {
                mqtt.runPending();
            }
            long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
            school.advanceTo(Math.min(virtualEnd, virtualStart + (long) (wallMs * speed)));
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int runInteractive(SimConsole console, SiteBoard board, SimulatedSchool school, RealTimePacer pacer,
            PrintStream out, SimMqtt mqtt) {
        ConcurrentLinkedQueue<String> typed = new ConcurrentLinkedQueue<>();
        AtomicBoolean eof = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    typed.add(line);
                }
            } catch (IOException e) {
                // stdin closed: treated like quit
            }
            eof.set(true);
        }, "lockstep-sim-keyboard");
        reader.setDaemon(true);
        reader.start();

        boolean ansi = System.console() != null;
        DoorTable table = new DoorTable(ansi);
        int width = terminalWidth();
        long wallStart = System.nanoTime();
        long drawnVersion = -1;
        long lastDrawMs = 0;
        String lastResult = "Type 'help' for commands. Try: panic, prop c104, secure, allclear.";
        while (true) {
            String line;
            // Time first, so what is typed or arrives now is stamped now, not at the last tick.
            pacer.advance(school);
            while ((line = typed.poll()) != null) {
                lastResult = console.execute(line);
                drawnVersion = -1;
            }
            if (mqtt != null) {
                mqtt.runPending();
            }
            if (console.quitRequested() || (eof.get() && typed.isEmpty())) {
                break;
            }
            long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
            pacer.advance(school);
            long version = board.version();
            boolean changed = version != drawnVersion && wallMs - lastDrawMs >= REDRAW_MIN_MS;
            if (changed || wallMs - lastDrawMs >= REDRAW_MAX_MS) {
                String screen = table.render(board.snapshot(), school.nowMs(), width);
                out.print(ansi ? "\u001b[H\u001b[2J" + screen + lastResult + "\n> " : screen + lastResult + "\n");
                out.flush();
                drawnVersion = version;
                lastDrawMs = wallMs;
            }
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        out.println();
        return Main.OK;
    }

    /** The terminal's width from COLUMNS or stty, else 120. */
    private static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{2,4}")) {
            return Integer.parseInt(columns);
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() == 0 && s.matches("\\d+ \\d+")) {
                return Integer.parseInt(s.split(" ")[1]);
            }
        } catch (IOException e) {
            // no terminal: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 120;
    }
}
