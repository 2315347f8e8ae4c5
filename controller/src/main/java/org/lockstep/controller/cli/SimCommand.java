package org.lockstep.controller.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lockstep.controller.config.ConfigException;
import org.lockstep.controller.config.ConfigProblem;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.simulation.SimulatedSchool;

/**
 * {@code lockstep sim}: the simulated school with a live door table. One thread owns the simulation: it advances the
 * virtual clock with the wall clock, runs typed commands, and redraws the table when something changed. The
 * keyboard reader only queues lines.
 */
final class SimCommand {
    /** How often the simulation catches up with the wall clock, and at most how often the table is redrawn. */
    static final long TICK_MS = 50;
    static final long REDRAW_MIN_MS = 200;

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
        SiteConfig config;
        try {
            config = SiteConfigLoader.load(file);
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            err.println(file + ": not valid; nothing was started. Run 'lockstep check-config " + file + "'.");
            return Main.INVALID_CONFIG;
        }
        SiteBoard board = new SiteBoard();
        SimulatedSchool school = args.option("--journal").isEmpty() ? SimulatedSchool.create(config, seed, board)
                : SimulatedSchool.create(config, seed, board, java.time.Instant.now(), (id, wall) ->
                        org.lockstep.controller.journal.FileJournal.open(Path.of(args.option("--journal").get(), id),
                                id, org.lockstep.controller.journal.JournalSettings.DEFAULTS, wall));
        SimConsole console = new SimConsole(school, board, args.option("--operator").orElse(null));
        if (args.option("--script").isPresent()) {
            return runScript(Path.of(args.option("--script").get()), console, board, school, out, err);
        }
        return runInteractive(console, board, school, speed, out);
    }

    private static int runScript(Path script, SimConsole console, SiteBoard board, SimulatedSchool school,
            PrintStream out, PrintStream err) {
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
            String result = console.execute(line);
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

    private static int runInteractive(SimConsole console, SiteBoard board, SimulatedSchool school, double speed,
            PrintStream out) {
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
        long virtualStart = school.nowMs();
        long drawnVersion = -1;
        long lastDrawMs = 0;
        String lastResult = "Type 'help' for commands. Try: panic, prop c104, secure, allclear.";
        while (true) {
            String line;
            while ((line = typed.poll()) != null) {
                lastResult = console.execute(line);
                drawnVersion = -1;
            }
            if (console.quitRequested() || (eof.get() && typed.isEmpty())) {
                break;
            }
            long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
            school.advanceTo(virtualStart + (long) (wallMs * speed));
            long version = board.version();
            if (version != drawnVersion && wallMs - lastDrawMs >= REDRAW_MIN_MS) {
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
        school.close();
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
