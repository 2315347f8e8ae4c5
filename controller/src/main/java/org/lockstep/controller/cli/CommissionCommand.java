package org.lockstep.controller.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.lockstep.controller.audit.LockAudit;
import org.lockstep.controller.commission.CommissionRecord;
import org.lockstep.controller.commission.Commissioning;
import org.lockstep.controller.commission.Finding;
import org.lockstep.controller.commission.Installer;
import org.lockstep.controller.commission.Refused;
import org.lockstep.controller.config.DetectorWiring;
import org.lockstep.controller.config.DidYouMean;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.mqtt.MqttAuditTarget;
import org.lockstep.controller.mqtt.MqttCommissionTarget;
import org.lockstep.controller.mqtt.MqttSecrets;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.report.CommissionWriter;
import org.lockstep.controller.trust.MessageSigner;

/** {@code lockstep commission}: the installer's walkthrough of one controller, device by device, with a record. */
final class CommissionCommand {
    static final String HELP = """
            Usage: lockstep commission --controller ID --key FILE [--door D] [--config FILE] [--mqtt-port N]
                                       [--out DIR] [--yes] [--timeout-s N]

            Walks you through one controller's devices with a progress line per step, watching the controller
            (over the site's MQTT broker) to see each step happen:
              doors          the lock is driven ("did you hear it?"), the bolt feedback shows SECURED, the lock is
                             released; you open the door (the contact must read OPEN) and close it (closed again)
              fire inputs    you activate the input (FIRE_ALARM seen), then release it (cleared seen)
              detectors      you unplug a serial detector (its heartbeat is lost), then plug it in (seen again)
              panic buttons  you press it: it starts a REAL LOCKDOWN of its scope (tell the office first); an ALL
                             CLEAR is then sent with your key (an operator with all-clear must give it if yours may not)
            Each device is PASS or FAIL with the reason. Every result is sent, signed, to the controller, which
            journals it (COMMISSIONED); the record is also written as JSON and printable HTML. Refused while a zone
            it touches is not NORMAL; the controller also refuses each test lock during a fire alarm.
            Works against 'lockstep sim' for training. Exit status: 0 every device passed, 1 a device failed or the
            walkthrough was refused.

            Options:
              --controller ID  the controller to commission
              --key FILE       your private key ('lockstep keys new'); you must be allowed to run drills
              --door D         only this door of the controller (no other input)
              --config FILE    the site file (default: deploy/site.example.yaml)
              --mqtt-port N    the broker on 127.0.0.1:N instead of the site file's (e.g. a 'lockstep sim')
              --out DIR        where the record goes: commission-ID-TIME.json and .html (default: .)
              --yes            answer yes to "did you hear it?" (unattended runs, training against the sim)
              --timeout-s N    how long each step waits to see what you did (default 60)
            """;
    static final long DEFAULT_TIMEOUT_S = 60;

    private CommissionCommand() {}

    static int run(List<String> argv, InputStream in, PrintStream out, PrintStream err) throws Args.UsageException {
        Args args = Args.parse(argv, Set.of("--controller", "--door", "--key", "--config", "--mqtt-port", "--out",
                "--timeout-s"),
                Set.of("--yes"));
        Path file = Path.of(args.option("--config").orElse(Main.DEFAULT_SITE));
        long timeoutS = args.longOption("--timeout-s", DEFAULT_TIMEOUT_S);
        if (timeoutS < 1 || timeoutS > 3_600) {
            throw new Args.UsageException("--timeout-s must be 1..3600 seconds, found " + timeoutS);
        }
        String controller = args.option("--controller").orElseThrow(() -> new Args.UsageException(
                "commission needs --controller ID (the controller whose devices you are at)"));
        Path keyFile = Path.of(args.option("--key").orElseThrow(() -> new Args.UsageException("commission needs "
                + "--key FILE: controllers act only on signed commands (make one with 'lockstep keys new --holder ID')")));
        Optional<SiteConfig> loaded = SiteFile.load(file, err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
        List<String> controllers = config.site().controllers().stream().map(ControllerSpec::id).toList();
        if (!controllers.contains(controller)) {
            throw new Args.UsageException("--controller: no controller '" + controller + "' in " + file
                    + DidYouMean.closest(controller, controllers).map(c -> "; did you mean " + c + "?")
                            .orElse("; it has " + String.join(", ", controllers)));
        }
        Optional<String> door = args.option("--door");
        if (door.isPresent()) {
            List<String> doors = config.site().doorsOf(controller).stream().map(DoorSpec::id).toList();
            if (!doors.contains(door.get())) {
                throw new Args.UsageException("--door: controller " + controller + " has no door '" + door.get() + "'"
                        + DidYouMean.closest(door.get(), doors).map(d -> "; did you mean " + d + "?")
                                .orElse("; it has " + String.join(", ", doors)));
            }
        }
        Set<String> serialDetectors = config.wiringOf(controller).orElseThrow().detectors().entrySet().stream()
                .filter(e -> e.getValue() instanceof DetectorWiring.Serial).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
        Optional<MessageSigner> signing = SignerFile.read(keyFile, err);
        if (signing.isEmpty()) {
            return Main.FAILED;
        }
        MessageSigner signer = signing.get();
        MqttSettings mqtt = BrokerSession.settings(config, args);
        CommissionRecord record;
        try (MqttCommissionTarget target = new MqttCommissionTarget(new MqttAuditTarget(mqtt, config.site(),
                new PahoMqttTransport(mqtt, "commission", Topics.of(mqtt).prefix() + "/commission/client"),
                Clock.systemUTC(), signer), mqtt)) {
            target.start();
            record = new Commissioning(config.site(), target, new Console(in, out, args.flag("--yes")),
                    signer.holderId(), Clock.systemUTC()).run(new Commissioning.Plan(controller, door, serialDetectors,
                            timeoutS * 1000));
        } catch (LockAudit.Refused | Refused e) {
            err.println("lockstep: commissioning refused: " + e.getMessage());
            return Main.FAILED;
        } catch (MqttSecrets.Unusable e) {
            err.println("lockstep: " + e.getMessage());
            return Main.INVALID_CONFIG;
        }
        for (Finding f : record.findings()) {
            out.printf("%-4s %-12s %-14s %-28s %s%n", f.passed() ? "PASS" : "FAIL", f.kind().text(), f.deviceId(),
                    f.where(), f.reason());
        }
        record.refusal().ifPresent(r -> out.println("STOPPED: " + r));
        out.printf("%d device(s) of %s commissioned by %s: %d passed, %d failed%n", record.findings().size(),
                controller, record.operator(), record.findings().size() - record.failed(), record.failed());
        try {
            write(record, Path.of(args.option("--out").orElse(".")), out);
        } catch (IOException e) {
            err.println("lockstep: cannot write the commissioning record: " + e.getMessage()
                    + " (the results are in the controller's journal)");
            return Main.FAILED;
        }
        return record.passed() ? Main.OK : Main.FAILED;
    }

    private static void write(CommissionRecord r, Path dir, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        ZoneId zone = ZoneId.systemDefault();
        String base = "commission-" + r.controller() + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(zone).format(r.started());
        CommissionWriter w = new CommissionWriter(zone);
        Path json = dir.resolve(base + ".json");
        Path html = dir.resolve(base + ".html");
        Files.writeString(json, w.json(r), StandardCharsets.UTF_8);
        Files.writeString(html, w.html(r), StandardCharsets.UTF_8);
        out.println("record: " + html + " (printable), " + json);
    }

    /** The installer at a terminal: progress and instructions on stdout, answers from stdin. */
    private static final class Console implements Installer {
        private final BufferedReader in;
        private final PrintStream out;
        private final boolean yes;

        Console(InputStream in, PrintStream out, boolean yes) {
            this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.out = out;
            this.yes = yes;
        }

        @Override
        public void progress(String line) {
            out.println(line);
        }

        @Override
        public boolean heard(String question) {
            if (yes) {
                out.println("  " + question + " y (--yes)");
                return true;
            }
            while (true) {
                out.print("  " + question + " ");
                out.flush();
                String a;
                try {
                    a = in.readLine();
                } catch (IOException e) {
                    a = null;
                }
                if (a == null) {
                    out.println("(no answer: taken as no)");
                    return false;
                }
                switch (a.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "y", "yes" -> {
                        return true;
                    }
                    case "n", "no" -> {
                        return false;
                    }
                    default -> out.println("  please answer y or n");
                }
            }
        }

        @Override
        public void instruct(Instruction i) {
            out.println("  >>> " + i.text());
        }
    }
}
