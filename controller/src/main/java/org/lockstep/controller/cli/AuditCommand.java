package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.lockstep.controller.audit.LockAudit;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.mqtt.MqttAuditTarget;
import org.lockstep.controller.mqtt.MqttSecrets;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.Topics;

/** {@code lockstep audit}: cycles each lock and reports each door passed or failed, with the reason. */
final class AuditCommand {
    static final String HELP = """
            Usage: lockstep audit --key FILE [--config FILE] [--doors A,B] [--zones Z,...]
                   lockstep audit --sim [--config FILE] [--operator ID] [--doors A,B] [--zones Z,...]
                                  [--inject FAULT:DOOR,...] [--journal DIR]

            The lock audit: for each selected door, locks it, waits its actuation time (plus 500 ms), checks the
            bolt feedback and the door position, releases it back to its NORMAL plan, and reports PASS or FAIL with
            the reason. Refused unless the whole site is NORMAL with no fire alarm. Each finding is journaled. A door
            without a bolt monitor can only be checked for position: a jammed bolt there cannot be seen.
            Exit status: 0 every door passed, 1 a door failed or the audit was refused.

            Options:
              (no --sim)            audit the live controllers through the site's MQTT broker (the site file's
                                    mqtt: section): test locks go to each door's controller, which journals them
                                    and the findings; findings are also published on <prefix>/audit/door/<door>.
                                    Works against a running 'lockstep sim' too.
              --key FILE            live only: your private key ('lockstep keys new'); you are its holder, and every
                                    test lock and finding is signed with it (docs/SECURITY.md)
              --sim                 audit a simulated school built from the site file, in this process
              --config FILE         the site file (default: deploy/site.example.yaml)
              --operator ID         who runs it; must be allowed to run drills (default: the first such operator)
              --doors A,B           only these doors
              --zones Z,...         only the doors of these zones
              --inject FAULT:DOOR   simulated faults first: jam (bolt jammed), cut (contact wire cut),
                                    boltcut (bolt-monitor wire cut), stick (relay welded)
              --journal DIR         journal the simulated controllers to DIR/<controller>
            """;

    private AuditCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        Args args = Args.parse(argv, Set.of("--config", "--operator", "--doors", "--zones", "--inject", "--journal", "--key"),
                Set.of("--sim"));
        Path file = Path.of(args.option("--config").orElse(Main.DEFAULT_SITE));
        Optional<SiteConfig> loaded = SiteFile.load(file, err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
        Set<String> doors = list(args, "--doors");
        Set<String> zones = list(args, "--zones");
        for (String d : doors) {
            if (config.site().doors().stream().noneMatch(s -> s.id().equals(d))) {
                throw new Args.UsageException("--doors: no door '" + d + "' in " + file);
            }
        }
        for (String z : zones) {
            if (config.site().zones().stream().noneMatch(s -> s.id().equals(z))) {
                throw new Args.UsageException("--zones: no zone '" + z + "' in " + file);
            }
        }
        String operator = args.option("--operator").orElse(config.site().operators().stream()
                .filter(o -> o.may(Permission.DRILL)).map(OperatorSpec::id).findFirst().orElse(""));
        List<String> faults = List.copyOf(list(args, "--inject"));
        Predicate<DoorSpec> select = d -> (doors.isEmpty() || doors.contains(d.id()))
                && (zones.isEmpty() || zones.contains(d.zone()));
        if (!args.flag("--sim")) {
            if (!faults.isEmpty() || args.option("--journal").isPresent()) {
                throw new Args.UsageException("--inject and --journal go with --sim (a live controller journals itself)");
            }
            MqttSettings mqtt = config.mqtt();
            org.lockstep.controller.trust.MessageSigner signer;
            try {
                signer = org.lockstep.controller.trust.KeyFiles.readSigner(Path.of(args.option("--key").orElseThrow(
                        () -> new Args.UsageException("a live audit needs --key FILE: controllers act only on signed "
                                + "commands (make a key with 'lockstep keys new --holder ID')"))));
            } catch (org.lockstep.controller.trust.KeyFiles.KeyFileException e) {
                err.println("lockstep: " + e.getMessage());
                return Main.FAILED;
            }
            String holder = signer.holderId();
            try (MqttAuditTarget target = new MqttAuditTarget(mqtt, config.site(),
                    new PahoMqttTransport(mqtt, "audit", Topics.of(mqtt).prefix() + "/audit/client"), Clock.systemUTC(),
                    signer)) {
                return audit(new LockAudit(target.start(), holder, Long.toString(System.currentTimeMillis(), 36)),
                        config, select, holder, out, err);
            } catch (LockAudit.Refused e) {
                err.println("lockstep: audit refused: " + e.getMessage());
                return Main.FAILED;
            } catch (MqttSecrets.Unusable e) {
                err.println("lockstep: " + e.getMessage());
                return Main.INVALID_CONFIG;
            }
        }
        SimulatedAudit simulator = java.util.ServiceLoader.load(SimulatedAudit.class).findFirst()
                .orElseThrow(() -> ExtensionCommand.notInstalled("audit --sim"));
        SimulatedAudit.School school;
        try {
            school = simulator.open(config, faults, args.option("--journal").map(Path::of));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        try (school) {
            return audit(new LockAudit(school.target(), operator, "sim"), config, select, operator, out, err);
        }
    }

    private static int audit(LockAudit audit, SiteConfig config, Predicate<DoorSpec> select, String operator,
            PrintStream out, PrintStream err) {
        ProgressBar bar = new ProgressBar(out, System.console() != null);
        List<LockAudit.DoorResult> results;
        try {
            results = audit.run(config.site().doors(), select, bar::show);
        } catch (LockAudit.Refused e) {
            err.println("lockstep: audit refused: " + e.getMessage());
            return Main.FAILED;
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        for (LockAudit.DoorResult r : results) {
            out.printf("%-4s %-14s %-38s %s%n", r.passed() ? "PASS" : "FAIL", r.doorId(), r.room(), r.reason());
        }
        out.printf("%d door(s) audited by %s: %d passed, %d failed%n", results.size(), operator,
                results.size() - failed, failed);
        return failed == 0 ? Main.OK : Main.FAILED;
    }

    private static Set<String> list(Args args, String option) {
        return args.option(option).map(v -> Set.copyOf(Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList())).orElse(Set.of());
    }

    /** A bar redrawn in place on a terminal; one line per door otherwise (logs, CI, pipes). */
    record ProgressBar(PrintStream out, boolean tty) {
        static final int WIDTH = 30;

        void show(int index, int total, String door) {
            if (tty) {
                int filled = total == 0 ? WIDTH : index * WIDTH / total;
                out.printf("\r[%s%s] %d/%d %-14s", "#".repeat(filled), "-".repeat(WIDTH - filled), index, total, door);
                if (index == total) {
                    out.println();
                }
                out.flush();
            } else if (index < total) {
                out.printf("audit %d/%d: %s%n", index + 1, total, door);
            }
        }
    }
}
