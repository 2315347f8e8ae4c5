package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.mqtt.MqttTransport;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.mqtt.TransportException;
import org.lockstep.controller.trust.MessageSigner;

/**
 * {@code lockstep command lockdown|secure|drill|all-clear [--zone Z] --key FILE}: signs a command, publishes it, and
 * prints each controller's answer as it arrives. Exit 0 only if every controller that should answer accepted.
 */
final class SendCommand {
    static final String HELP = """
            Usage: lockstep command lockdown|secure|drill|all-clear --key FILE [--zone Z | --controller C]
                                    [--reason TEXT] [--config FILE] [--mqtt-port N] [--timeout-ms N]

            Signs the command with your private key (made by 'lockstep keys new'), publishes it to the site's broker,
            and prints each controller's answer as it arrives. Exits 0 if every controller accepted, 1 if any refused
            or did not answer in time (it names them), 2 if the site file is invalid.

              lockdown    LOCKDOWN: every door of the site (or --zone) locked
              secure      SECURE: the perimeter locked
              drill       a LOCKDOWN drill (same door actions, tagged as a drill everywhere)
              all-clear   ALL CLEAR: back to NORMAL (needs an operator allowed to give it)

            Options:
              --key FILE        your private key file (0600; refused if others can read it)
              --zone Z          only zone Z (default: the whole site)
              --controller C    send to controller C alone (e.g. to resend an ALL CLEAR it missed)
              --reason TEXT     why, for the journal and the report
              --config FILE     the site file (default: deploy/site.example.yaml)
              --mqtt-port N     the broker on 127.0.0.1:N instead of the site file's (e.g. a 'lockstep sim')
              --timeout-ms N    how long to wait for every answer (default 5000)
            """;
    static final long DEFAULT_TIMEOUT_MS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SendCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        Args args = Args.parse(argv, Set.of("--key", "--zone", "--controller", "--reason", "--config", "--mqtt-port",
                "--timeout-ms"), Set.of());
        if (args.positionals().size() != 1) {
            throw new Args.UsageException("command takes one action: lockdown, secure, drill or all-clear");
        }
        Path file = Path.of(args.option("--config").orElse(Main.DEFAULT_SITE));
        Optional<SiteConfig> loaded = SiteFile.load(file, err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
        Path keyFile = Path.of(args.option("--key").orElseThrow(() -> new Args.UsageException(
                "command needs --key FILE: your private key (make one with 'lockstep keys new --holder ID')")));
        Optional<MessageSigner> signing = SignerFile.read(keyFile, err);
        if (signing.isEmpty()) {
            return Main.FAILED;
        }
        MessageSigner signer = signing.get();
        MqttSettings mqtt = BrokerSession.settings(config, args);
        SignedCommand cmd = SignedCommand.build(config, Topics.of(mqtt), signer, args.positionals().getFirst(), args.option("--zone"),
                args.option("--controller"), args.option("--reason").orElse(""), Clock.systemUTC().millis(),
                new SecureRandom());
        return send(mqtt, cmd, args.longOption("--timeout-ms", DEFAULT_TIMEOUT_MS), out, err);
    }

    private static int send(MqttSettings mqtt, SignedCommand cmd, long timeoutMs, PrintStream out, PrintStream err) {
        String id = cmd.body().get("id").asText();
        Topics topics = Topics.of(mqtt);
        try {
            Optional<BrokerSession> opened = BrokerSession.open(mqtt, "command", timeoutMs);
            if (opened.isEmpty()) {
                err.println("lockstep: cannot reach the broker at " + mqtt.url() + " within " + timeoutMs
                        + " ms; nothing was sent");
                return Main.FAILED;
            }
            try (BrokerSession session = opened.get()) {
                PahoMqttTransport transport = session.transport;
                LinkedBlockingQueue<MqttTransport.Inbound> inbox = session.inbox;
                transport.subscribe(List.of(topics.cmdResult(id, "+")), 1);
                transport.publish(cmd.topic(), JSON.writeValueAsBytes(cmd.body()), 1, false, NO_OUTCOME);
                out.println("sent " + cmd.body().get("action").asText() + (cmd.body().get("drill").asBoolean()
                        ? " (drill)" : "") + " as " + cmd.body().get("operator").asText() + " on " + cmd.topic()
                        + " (id " + id + "); waiting for " + String.join(", ", cmd.expected()));
                Map<String, Boolean> answers = new LinkedHashMap<>();
                long deadline = System.nanoTime() + timeoutMs * 1_000_000;
                while (!answers.keySet().containsAll(cmd.expected())) {
                    long left = deadline - System.nanoTime();
                    MqttTransport.Inbound m = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                    if (m == null) {
                        break;
                    }
                    String controller = m.topic().substring(m.topic().lastIndexOf('/') + 1);
                    JsonNode r;
                    try {
                        r = JSON.readTree(m.payload());
                    } catch (java.io.IOException e) {
                        continue;
                    }
                    boolean accepted = r.path("accepted").asBoolean(false);
                    answers.put(controller, accepted);
                    out.printf("%-14s %-9s %s%n", controller, accepted ? "accepted" : "REFUSED",
                            r.path("reason").asText(""));
                }
                Set<String> silent = new LinkedHashSet<>(cmd.expected());
                silent.removeAll(answers.keySet());
                for (String s : silent) {
                    out.printf("%-14s %-9s no answer within %d ms (offline? check its availability topic)%n", s,
                            "SILENT", timeoutMs);
                }
                boolean ok = silent.isEmpty() && answers.values().stream().allMatch(a -> a);
                out.println(ok ? "every controller accepted" : "NOT every controller accepted: see above");
                return ok ? Main.OK : Main.FAILED;
            }
        } catch (TransportException | java.io.IOException e) {
            err.println("lockstep: " + e.getMessage());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        }
    }

    private static final MqttTransport.Delivery NO_OUTCOME = new MqttTransport.Delivery() {
        @Override
        public void delivered() {}

        @Override
        public void failed(TransportException e) {}
    };
}
