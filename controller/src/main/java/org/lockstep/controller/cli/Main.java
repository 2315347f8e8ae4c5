package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.lockstep.controller.config.ConfigException;
import org.lockstep.controller.config.ConfigProblem;
import org.lockstep.controller.config.DidYouMean;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.mqtt.LocalBroker;

/** The {@code lockstep} command. Exit codes: 0 done, 2 the site file is invalid, 64 a usage mistake, 1 anything else. */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID_CONFIG = 2;
    public static final int USAGE = 64;
    public static final String DEFAULT_SITE = "deploy/site.example.yaml";
    /** Every command, for "did you mean": add a new command here as well as to the switch in {@link #run}. */
    static final List<String> COMMANDS = List.of("sim", "console", "run", "check-config", "journal", "report", "audit",
            "commission", "command", "status", "keys", "provision", "help");

    private static final String OVERVIEW = """
            lockstep — emergency lockdown controller for school doors

            Usage: lockstep COMMAND [OPTIONS]

            Commands:
              sim            run the simulated school: a live door table, a panic button, faults, drills
              console        the front office's console in the browser (HTTPS): doors by zone, alerts,
                             hold-to-act LOCKDOWN, SECURE and DRILL (a source checkout; not in the .deb yet)
              run            run one controller on a Raspberry Pi (--dry-run prints its pin map,
                             --boot-config the config.txt lines that keep relays safe from power-on)
              check-config   validate a site file and say exactly what is wrong
              journal        print a controller's journal, offline
              report         the after-action report of lockdowns and drills, from the journals
              audit          cycle each lock and report each door passed or failed (simulated school: --sim)
              commission     walk an installer through one controller's doors and inputs; PASS/FAIL record
              command        sign and send lockdown|secure|drill|all-clear; print every controller's answer
              status         every controller: online, version, site file, uptime, health; warns on a mismatch
              keys new       make a key pair for an operator, console or controller (prints the site-file line)
              provision      make the site broker's CA, certificate, accounts, ACL and Mosquitto config
              help COMMAND   explain a command and its options

            Options:
              --help         this text
              --version      the version

            Start with:  lockstep sim
            """;

    private static final String CHECK_HELP = """
            Usage: lockstep check-config FILE [--controller ID [--key FILE]] [--console]

            Validates a whole site file (every controller, door, pin, zone, operator and policy) without touching any
            hardware. Prints every problem as FILE:LINE: FIELD: what was expected and what was found, and exits 2
            if there is any; prints a summary and the warnings and exits 0 if the file is good. Every operator,
            console and controller without a key is named in a warning.

            Options:
              --controller ID  also check this box's own private key, as 'lockstep run --controller ID' reads it:
                               it exists, only its owner can read it, it is ID's, and the site file lists its
                               public half. Exits 2 if not (the controller would still run and lock its doors,
                               but every other controller would refuse its zone modes and panic shares)
              --key FILE       the key to check (default /etc/lockstep/keys/ID.key)
              --console        also check the console's certificate files (console: tls:) as 'lockstep console'
                               reads them: both exist, PEM, the key is the certificate's and only its owner can
                               read it, the certificate is valid now (a warning if it expires within 30 days).
                               Run it on the console's machine as the console's user (sudo -u lockstep); without
                               --console those files are not read, since controllers never use them
            """;

    public static void main(String[] argv) {
        int code;
        try {
            code = run(Arrays.asList(argv), System.out, System.err);
        } finally {
            LogFlush.now();
        }
        System.exit(code);
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || argv.getFirst().equals("--help") || argv.getFirst().equals("-h")) {
            out.print(OVERVIEW);
            return argv.isEmpty() ? USAGE : OK;
        }
        if (argv.getFirst().equals("--version")) {
            out.println("lockstep " + version());
            return OK;
        }
        String command = argv.getFirst();
        List<String> rest = argv.subList(1, argv.size());
        try {
            if (rest.contains("--help") || rest.contains("-h")) {
                return help(command, out, err);
            }
            return switch (command) {
                case "help" -> rest.isEmpty() ? help("", out, err) : help(rest.getFirst(), out, err);
                case "check-config" -> checkConfig(rest, out, err);
                case "run" -> RunCommand.run(Args.parse(rest, Set.of("--config", "--controller", "--journal", "--board", "--key"),
                        Set.of("--dry-run", "--boot-config")), out, err);
                case "sim" -> simulator().run(rest, out, err);
                case "console" -> console().run(rest, out, err);
                case "journal" -> JournalCommand.run(rest, out, err);
                case "report" -> ReportCommand.run(rest, out, err);
                case "audit" -> AuditCommand.run(rest, out, err);
                case "commission" -> CommissionCommand.run(rest, System.in, out, err);
                case "command" -> SendCommand.run(rest, out, err);
                case "status" -> StatusCommand.run(rest, out, err);
                case "keys" -> KeysCommand.run(rest, out, err);
                case "provision" -> ProvisionCommand.run(rest, out, err);
                default -> extension(command).run(rest, out, err);
            };
        } catch (Args.UsageException e) {
            err.println("lockstep: " + e.getMessage());
            err.println(COMMANDS.contains(command) && !command.equals("help")
                    ? "Try 'lockstep help " + command + "'." : "Try 'lockstep --help'.");
            return USAGE;
        } catch (Args.Parsed parsedOnly) {
            return OK;
        }
    }

    /**
     * Parses a command line exactly as {@link #run} would and stops before the command does anything: 0 if it is a
     * valid command line, 64 (with the reason on {@code err}) if not. For the docs check. A command that does not
     * parse its arguments with {@link Args} would run: every command does.
     */
    static int parseOnly(List<String> argv, PrintStream err) {
        return Args.parsingOnly(() -> run(argv, new PrintStream(java.io.OutputStream.nullOutputStream()), err));
    }

    private static int help(String command, PrintStream out, PrintStream err) throws Args.UsageException {
        switch (command) {
            case "" -> out.print(OVERVIEW);
            case "sim" -> out.print(simulator().help());
            case "console" -> out.print(console().help());
            case "check-config" -> out.print(CHECK_HELP);
            case "run" -> out.print(RunCommand.HELP);
            case "journal" -> out.print(JournalCommand.HELP);
            case "report" -> out.print(ReportCommand.HELP);
            case "audit" -> out.print(AuditCommand.HELP);
            case "commission" -> out.print(CommissionCommand.HELP);
            case "command" -> out.print(SendCommand.HELP);
            case "status" -> out.print(StatusCommand.HELP);
            case "keys" -> out.print(KeysCommand.HELP);
            case "provision" -> out.print(ProvisionCommand.HELP);
            default -> out.print(extension(command).help());
        }
        return OK;
    }

    /** A command another installed module provides (e.g. a console), or the usage mistake with a "did you mean". */
    private static ExtensionCommand extension(String command) throws Args.UsageException {
        return ExtensionCommand.find(command).orElseThrow(() -> new Args.UsageException("unknown command '" + command
                + "'" + DidYouMean.closest(command, COMMANDS).map(c -> "; did you mean 'lockstep " + c + "'?")
                        .orElse("")));
    }

    /** {@code lockstep sim}, from the simulator module when it is installed (a source checkout), never on a controller. */
    private static ExtensionCommand simulator() throws Args.UsageException {
        return ExtensionCommand.find("sim").orElseThrow(() -> ExtensionCommand.notInstalled("sim"));
    }

    /** {@code lockstep console}, from the console module when it is installed (lockstep-console, or a checkout). */
    private static ExtensionCommand console() throws Args.UsageException {
        return ExtensionCommand.find("console").orElseThrow(() -> new Args.UsageException("console is not in"
                + " this installation (the lockstep package carries only the controller firmware): install the"
                + " lockstep-console package (apt install ./lockstep-console_VERSION_all.deb), or run it from a source"
                + " checkout with ./lockstep console (docs/CONSOLE.md)"));
    }

    private static int checkConfig(List<String> rest, PrintStream out, PrintStream err) throws Args.UsageException {
        Args args = Args.parse(rest, Set.of("--controller", "--key"), Set.of("--console"));
        if (args.option("--key").isPresent() && args.option("--controller").isEmpty()) {
            throw new Args.UsageException("--key goes with --controller ID (whose key it is)");
        }
        if (args.positionals().size() != 1) {
            throw new Args.UsageException("check-config takes one site file, e.g. lockstep check-config "
                    + DEFAULT_SITE);
        }
        Path file = Path.of(args.positionals().getFirst());
        try {
            SiteConfig config = SiteConfigLoader.load(file);
            out.printf("%s: OK: site '%s': %d controllers, %d zones, %d doors, %d operators%n", file,
                    config.site().name(), config.site().controllers().size(), config.site().zones().size(),
                    config.site().doors().size(), config.site().operators().size());
            config.map().ifPresent(m -> out.printf("%s: map: %d floor%s, grid %s-%s x %s-%s, %d of %d doors placed%n",
                    file, m.floors().size(), m.floors().size() == 1 ? "" : "s", m.grid().rows().getFirst(),
                    m.grid().rows().getLast(), m.grid().columns().getFirst(), m.grid().columns().getLast(),
                    m.doors().size(), config.site().doors().size()));
            for (ConfigProblem w : config.warnings()) {
                out.println("warning: " + w);
            }
            if (config.mqtt().broker() == MqttSettings.Broker.EMBEDDED && LocalBroker.provider().isEmpty()) {
                out.println("warning: " + file + ": mqtt.broker: embedded is the simulator's broker, which this"
                        + " installation does not have: 'lockstep run' would lock its doors but no console would see"
                        + " them; point mqtt: at the site's broker (docs/mqtt.md, Broker)");
            }
            int console = ConsoleTlsCheck.report(config, file, args.flag("--console"), out, err);
            if (console != OK) {
                return console;
            }
            if (args.option("--controller").isPresent()) {
                return checkControllerKey(config, file, args.option("--controller").get(), args.option("--key"), out,
                        err);
            }
            return OK;
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            err.printf("%s: %d problem%s; nothing was started.%n", file, e.problems().size(),
                    e.problems().size() == 1 ? "" : "s");
            return INVALID_CONFIG;
        }
    }

    /** The box's own key, as {@code run} would read it: OK, or exit 2 with what is wrong and what to do. */
    private static int checkControllerKey(SiteConfig config, Path siteFile, String controller,
            java.util.Optional<String> keyOption, PrintStream out, PrintStream err) {
        if (config.site().controller(controller).isEmpty()) {
            err.println("lockstep: controller '" + controller + "' is not in " + siteFile + "; it has "
                    + config.site().controllers().stream().map(c -> c.id()).toList());
            return INVALID_CONFIG;
        }
        Path key = keyOption.map(Path::of).orElse(ControllerKey.defaultFile(controller));
        ControllerKey.Loaded loaded = ControllerKey.load(config, controller, key);
        if (loaded.problem().isPresent()) {
            err.println("controller key: " + loaded.problem().get());
            return INVALID_CONFIG;
        }
        out.println("controller key: " + key + " is controller '" + controller + "''s and matches the site file ("
                + loaded.signer().orElseThrow().publicKey().shortId() + "…)");
        return OK;
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
