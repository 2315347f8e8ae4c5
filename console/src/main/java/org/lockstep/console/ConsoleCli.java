package org.lockstep.console;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.lockstep.controller.cli.Args;
import org.lockstep.controller.cli.BrokerSession;
import org.lockstep.controller.cli.ExtensionCommand;
import org.lockstep.controller.cli.Main;
import org.lockstep.controller.cli.SiteFile;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.trust.KeyFiles;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.MessageSigner;

/** {@code lockstep console}, offered to the CLI through {@link ExtensionCommand} (META-INF/services). */
public final class ConsoleCli implements ExtensionCommand {
    static final String DEFAULT_LISTEN = "127.0.0.1:8443";
    static final long MAX_IDLE_SIGN_OUT_MINUTES = 8 * 60;
    static final String HELP = """
            Usage: lockstep console [--config FILE] [--listen HOST:PORT] [--key FILE] [--account NAME]
                                   [--mqtt-port N] [--tls-cert FILE --tls-key FILE] [--no-summary]
                                   [--operators DIR [--idle-sign-out MINUTES]] [--responders DIR] [--data DIR]
                                   [--keys DIR]
                   lockstep console operator add --config FILE --dir DIR --operator ID --key KEYFILE
                   lockstep console responder add --dir DIR --name NAME [--host HOST:PORT]
                   lockstep console responder list --dir DIR
                   lockstep console responder revoke --dir DIR --name NAME

            The front office's console in the browser: subscribes to the site's topics and serves a page over HTTPS
            with every door by zone (status in colour and text), the zone modes (DRILL marked), the alerts, and during
            a lockdown the count of doors secured. LOCKDOWN and SECURE (press and hold about 1 s) are signed with the
            console's device key; an operator who signs in (credential files in --operators DIR, made with 'operator
            add') gets DRILL and, with the all-clear permission, ALL CLEAR, signed as that operator. Each action
            shows each controller's answer. TLS: the certificate the site file names (console: tls:), else a
            self-signed one (kept in --data DIR, so its fingerprint stays; else made at each start); its SHA-256
            fingerprint is printed so you can compare it with the browser's. docs/CONSOLE.md.

            Options:
              --config FILE        the site file (default: deploy/site.example.yaml)
              --listen HOST:PORT   where to serve the page (default 127.0.0.1:8443, this machine only; use
                                   0.0.0.0:8443 on a network where only the office reaches it)
              --key FILE           the console's private key (a holder under keys: consoles:, made with 'lockstep
                                   keys new --holder front-desk'); without it the console only shows
              --account NAME       the broker account to log in as, made by 'lockstep provision --consoles NAME'
                                   (its secrets file is the site's mqtt secrets template with NAME); default: the
                                   key's holder, else 'console'
              --mqtt-port N        the broker on 127.0.0.1:N instead of the site file's (e.g. a 'lockstep sim')
              --tls-cert FILE      the certificate to serve (PEM, the console's own first), e.g. signed by the
                                   site's CA; with --tls-key FILE, its unencrypted PKCS#8 key (chmod 600). Wins
                                   over the site file's console: tls: {cert, key}
              --keys DIR           check zone modes against the controllers' DIR/<id>.pub instead of the site
                                   file's keys: controllers: (for a 'lockstep sim', whose controllers get new keys)
              --no-summary         do not publish the retained site summary (<prefix>/site/summary): for a
                                   second console of a site, so one console publishes it (docs/mqtt.md)
              --operators DIR      the operators' credential files (ID.cred): lets them sign in on the page
              --idle-sign-out MIN  sign an operator out after MIN minutes without an action (default 10)
              --responders DIR     serve the read-only responder view at /r/TOKEN for the links in
                                   DIR/responders.txt (made with 'responder add'; reread when it changes)
              --data DIR           keep the drill log and the sign-in lockout in DIR (made 0700 if absent; refused
                                   if others can write it), so a restart forgets neither; without it both are
                                   kept in memory only

            operator add: seals the operator's private key (KEYFILE, from 'lockstep keys new') under a password
            (asked twice at a terminal, else one line of standard input) into DIR/ID.cred, mode 600.

            responder add: makes a read-only link for police or the SRO's phone (the map, the doors, the alerts; no
            actions, no sign-in) and prints it once, https://HOST:PORT/r/TOKEN; DIR/responders.txt (mode 600) keeps
            only the token's SHA-256 with NAME and the time. 'responder list' shows the names and dates; 'responder
            revoke' ends a link: a running console stops serving it within a couple of seconds, no restart.
            """;

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        if (!argv.isEmpty() && argv.getFirst().equals("operator")) {
            return OperatorCli.run(argv.subList(1, argv.size()), System.in, out, err);
        }
        if (!argv.isEmpty() && argv.getFirst().equals("responder")) {
            return ResponderCli.run(argv.subList(1, argv.size()), out, err);
        }
        Args args = Args.parse(argv, Set.of("--config", "--listen", "--key", "--account", "--mqtt-port",
                "--tls-cert", "--tls-key", "--operators", "--idle-sign-out", "--responders", "--data",
                "--keys"),
                Set.of("--no-summary"));
        long idleMinutes = args.longOption("--idle-sign-out", Sessions.DEFAULT_IDLE_SIGN_OUT_MS / 60_000);
        if (idleMinutes < 1 || idleMinutes > MAX_IDLE_SIGN_OUT_MINUTES) {
            throw new Args.UsageException("--idle-sign-out must be 1-" + MAX_IDLE_SIGN_OUT_MINUTES + " minutes");
        }
        if (args.option("--tls-cert").isPresent() != args.option("--tls-key").isPresent()) {
            throw new Args.UsageException("--tls-cert and --tls-key go together: the certificate and its private key");
        }
        if (!args.positionals().isEmpty()) {
            throw new Args.UsageException("console takes no arguments besides its options, got '"
                    + args.positionals().getFirst() + "'");
        }
        HostPort listen = HostPort.parse(args.option("--listen").orElse(DEFAULT_LISTEN));
        Optional<SiteConfig> loaded = SiteFile.load(Path.of(args.option("--config").orElse(Main.DEFAULT_SITE)), err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
        if (args.option("--keys").isPresent()) {
            try {
                config = ControllerKeys.fromDir(config, Path.of(args.option("--keys").get()));
            } catch (ControllerKeys.Unusable e) {
                err.println("lockstep console: " + e.getMessage());
                return Main.INVALID_CONFIG;
            }
        }
        ControllerKeys.warning(config).ifPresent(err::println);
        Optional<MessageSigner> signer = Optional.empty();
        if (args.option("--key").isPresent()) {
            try {
                signer = Optional.of(KeyFiles.readSigner(Path.of(args.option("--key").get())));
            } catch (KeyFiles.KeyFileException e) {
                err.println("lockstep: " + e.getMessage());
                return Main.FAILED;
            }
            String holder = signer.get().holderId();
            Optional<KeyHolder> listed = config.keys().holder(holder);
            if (listed.isEmpty()) {
                err.println("lockstep console: warning: '" + holder + "' is not under keys: in " + config.file()
                        + "; controllers will refuse its commands");
            } else if (listed.get().kind() != KeyHolder.Kind.CONSOLE) {
                err.println("lockstep console: warning: '" + holder + "' is " + listed.get().kind()
                        + ", not a console key: anyone at this page acts as " + holder);
            }
        }
        String account = args.option("--account").orElse(Console.defaultAccount(signer));
        if (!Ids.isValid(account)) {
            throw new Args.UsageException("--account: expected a broker account name of " + Ids.RULE + ", got '"
                    + account + "'");
        }
        MqttSettings mqtt = BrokerSession.settings(config, args);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (Console console = new Console(config, mqtt, signer, !args.flag("--no-summary"), account)) {
            if (args.option("--data").isPresent()) {
                try {
                    console.withData(Path.of(args.option("--data").get()));
                } catch (DataDir.Unusable e) {
                    err.println("lockstep console: " + e.getMessage());
                    return Main.FAILED;
                }
            }
            if (args.option("--operators").isPresent()) {
                console.withSignIn(Path.of(args.option("--operators").get()), idleMinutes * 60_000);
            }
            if (args.option("--responders").isPresent()) {
                try {
                    console.withResponders(Path.of(args.option("--responders").get()));
                } catch (ResponderLinks.Unusable e) {
                    err.println("lockstep console: " + e.getMessage());
                    return Main.FAILED;
                }
            }
            Optional<TlsCertificate> cert;
            try {
                cert = TlsCertificate.named(args.option("--tls-cert"), args.option("--tls-key"), config.consoleTls(),
                        System.currentTimeMillis());
            } catch (TlsCertificate.Unusable e) {
                err.println(e.getMessage());
                err.println("lockstep console: the TLS certificate cannot be used; nothing was started");
                return Main.FAILED;
            }
            cert.ifPresent(c -> c.warnings().forEach(err::println));
            if (cert.isPresent()) {
                console.start(listen.host(), listen.port(), cert.get());
            } else {
                console.start(listen.host(), listen.port());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                awaitClosed(closed); // the JVM halts when the hooks end: let close() write the drill log first
            }, "lockstep-console-stop"));
            out.println("lockstep console for " + config.site().name() + " on https://"
                    + (listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host()) + ":" + console.port()
                    + "/  (broker " + mqtt.url() + " as " + account + ", " + signer.map(s -> "acting as " + s.holderId())
                            .orElse("no key: shows only") + ")");
            out.println("TLS certificate " + console.certificateSource() + "; SHA-256 fingerprint "
                    + console.fingerprint());
            out.println(args.option("--operators").map(d -> "operators sign in with their credential files in " + d
                    + " (signed out after " + idleMinutes + " min without an action)").orElse("no --operators DIR:"
                            + " nobody can sign in here (no DRILL, no ALL CLEAR)"));
            out.println(args.option("--data").map(d -> "drill log and sign-in lockout kept in " + d).orElse(
                    "no --data DIR: the drill log and the sign-in lockout are kept in memory only (a restart forgets"
                            + " them)"));
            if (args.option("--responders").isPresent()) {
                out.println("responder view at /r/TOKEN for " + console.responderLinks() + " link(s) in "
                        + args.option("--responders").get() + " (lockstep console responder add|list|revoke)");
            }
            out.println("compare it with the one your browser shows before you accept the certificate. Ctrl-C stops.");
            stop.await();
            return Main.OK;
        } catch (GeneralSecurityException e) {
            err.println("lockstep console: cannot make the TLS certificate: " + e.getMessage());
            return Main.FAILED;
        } catch (RuntimeException e) {
            err.println("lockstep console: cannot start: " + e.getMessage());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        } finally {
            closed.countDown();
        }
    }

    private static void awaitClosed(CountDownLatch closed) {
        try {
            closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code --listen HOST:PORT} ({@code [::1]:8443} for IPv6). */
    record HostPort(String host, int port) {
        static HostPort parse(String s) throws Args.UsageException {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new Args.UsageException("--listen must be HOST:PORT (e.g. 0.0.0.0:8443), was '" + s + "'");
            }
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65_535) {
                throw new Args.UsageException("--listen: the port must be 0-65535, was '" + s.substring(colon + 1)
                        + "'");
            }
            return new HostPort(host, port);
        }
    }
}
