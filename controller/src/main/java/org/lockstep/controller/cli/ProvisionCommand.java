package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lockstep.controller.broker.BrokerAccount;
import org.lockstep.controller.broker.BrokerLayout;
import org.lockstep.controller.broker.SiteProvisioner;
import org.lockstep.controller.config.SiteConfig;

/** {@code lockstep provision}: the site's broker CA, certificate, accounts, ACL and Mosquitto configuration. */
final class ProvisionCommand {
    static final String HELP = """
            Usage: lockstep provision --config FILE --out DIR --broker-host HOST[,HOST...]
                                      [--consoles A,B] [--office A,B] [--audit A,B]
                                      [--port N] [--broker-dir DIR] [--no-retain-guard]

            Makes, into the new directory DIR, everything the site's Mosquitto broker and its clients need
            (docs/mqtt.md, Broker): a CA of the site's own, the broker's TLS certificate (valid for each HOST), one
            broker account per controller of the site file and per console, office device and audit tool named
            here, the Mosquitto password file (mosquitto_passwd), the ACL, lockstep.conf, and the retained-command
            guard plugin (built with cc; needs gcc mosquitto-dev libmosquitto-dev). Run it on the broker host.

              DIR/broker/          copy to the broker's --broker-dir; include lockstep.conf from mosquitto.conf
              DIR/clients/ID.secret  to each controller (and tool) as /etc/lockstep/mqtt/ID.secret, mode 0600,
                                   with DIR/clients/ca.pem as mqtt.caFile
              DIR/ca/ca.key        the CA's key: keep it offline (it re-issues the broker certificate)

            Passwords are random, never printed, never defaults. DIR must not exist or be empty.

            Options:
              --broker-host H,...  names and addresses clients use to reach the broker (certificate SANs)
              --consoles A,B       monitoring consoles: read everything, send site/zone commands
              --office A,B         front-office devices: as consoles, and cmd/controller/<id>
              --audit A,B          lock-audit tools ('lockstep audit' reads DIR/clients/audit.secret as
                                   mqtt.secretsFile with {client} = audit)
              --port N             the TLS listener (default 8883)
              --broker-dir DIR     where lockstep.conf expects its files (default /etc/mosquitto/lockstep)
              --no-retain-guard    no plugin: only the controllers refuse retained commands
            """;

    private ProvisionCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        Args args = Args.parse(argv, Set.of("--config", "--out", "--broker-host", "--consoles", "--office", "--audit",
                "--port", "--broker-dir"), Set.of("--no-retain-guard"));
        Path file = Path.of(args.option("--config").orElse(Main.DEFAULT_SITE));
        Path dir = Path.of(args.option("--out").orElseThrow(() -> new Args.UsageException(
                "provision needs --out DIR (a new directory for the CA, certificates and passwords)")));
        List<String> hosts = list(args, "--broker-host");
        if (hosts.isEmpty()) {
            throw new Args.UsageException("provision needs --broker-host HOST (the name clients connect to)");
        }
        Optional<SiteConfig> loaded = SiteFile.load(file, err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
        List<BrokerAccount> extra = new ArrayList<>();
        try {
            list(args, "--consoles").forEach(n -> extra.add(new BrokerAccount(n, BrokerAccount.Role.CONSOLE)));
            list(args, "--office").forEach(n -> extra.add(new BrokerAccount(n, BrokerAccount.Role.OFFICE)));
            list(args, "--audit").forEach(n -> extra.add(new BrokerAccount(n, BrokerAccount.Role.AUDIT)));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("account names: " + e.getMessage());
        }
        BrokerLayout layout;
        try {
            layout = new BrokerLayout(Path.of(args.option("--broker-dir").orElse(BrokerLayout.DEFAULT_DIR.toString())),
                    (int) args.longOption("--port", BrokerLayout.DEFAULT_PORT), hosts, !args.flag("--no-retain-guard"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        try {
            List<BrokerAccount> accounts = SiteProvisioner.accounts(config, extra);
            new SiteProvisioner(config, layout, accounts).provision(dir);
            out.printf("%s: site '%s': CA, broker certificate for %s, %d accounts (%d controllers), ACL, lockstep.conf"
                    + "%s%n", dir, config.siteId(), String.join(", ", hosts), accounts.size(),
                    config.site().controllers().size(), layout.retainGuard() ? ", retained-command guard" : "");
            out.printf("next: copy %s/broker/* to %s on the broker; each %s/clients/ID.secret to its client (0600);"
                    + " docs/mqtt.md, Broker%n", dir, layout.dir(), dir);
            return Main.OK;
        } catch (SiteProvisioner.Failed | UncheckedIOException e) {
            err.println("lockstep provision: " + e.getMessage());
            return Main.FAILED;
        }
    }

    private static List<String> list(Args args, String option) {
        return args.option(option).map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }
}
