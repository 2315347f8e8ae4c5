package org.lockstep.console;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.lockstep.controller.cli.Args;
import org.lockstep.controller.cli.Main;
import org.lockstep.controller.core.Ids;

/**
 * {@code lockstep console responder add|list|revoke --dir DIR ...}: the read-only links for responders
 * ({@link ResponderLinks}). {@code add} prints the link once; only its hash is kept.
 */
final class ResponderCli {
    static final String USAGE = """
            lockstep console responder add --dir DIR --name NAME [--host HOST:PORT]
                   lockstep console responder list --dir DIR
                   lockstep console responder revoke --dir DIR --name NAME""";
    static final String DEFAULT_PORT = "8443";

    private ResponderCli() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        return run(argv, out, err, new SecureRandom(), Instant::now, ResponderCli::thisHost);
    }

    static int run(List<String> argv, PrintStream out, PrintStream err, SecureRandom random, Supplier<Instant> now,
            Supplier<String> defaultHost) throws Args.UsageException {
        if (argv.isEmpty() || !Set.of("add", "list", "revoke").contains(argv.getFirst())) {
            throw new Args.UsageException("usage: " + USAGE);
        }
        String verb = argv.getFirst();
        Args args = Args.parse(argv.subList(1, argv.size()), Set.of("--dir", "--name", "--host"), Set.of());
        if (args.option("--dir").isEmpty()) {
            throw new Args.UsageException("responder " + verb + " needs --dir DIR (the directory the console is"
                    + " started with as --responders DIR); usage: " + USAGE);
        }
        if (!args.positionals().isEmpty()) {
            throw new Args.UsageException("responder " + verb + " takes no arguments besides its options, got '"
                    + args.positionals().getFirst() + "'");
        }
        if (!verb.equals("list") && args.option("--name").isEmpty()) {
            throw new Args.UsageException("responder " + verb + " needs --name NAME; usage: " + USAGE);
        }
        if (!verb.equals("add") && args.option("--host").isPresent()) {
            throw new Args.UsageException("--host goes with responder add only");
        }
        String name = args.option("--name").orElse("");
        if (!verb.equals("list") && !Ids.isValid(name)) {
            throw new Args.UsageException("--name: expected " + Ids.RULE + " (e.g. sro-phone), got '" + name + "'");
        }
        Path dir = Path.of(args.option("--dir").get());
        List<ResponderLinks.Link> links;
        try {
            links = ResponderLinks.read(dir);
        } catch (ResponderLinks.Unusable e) {
            err.println("lockstep console: " + e.getMessage());
            return Main.FAILED;
        }
        try {
            switch (verb) {
                case "add" -> {
                    String host = args.option("--host").orElseGet(() -> defaultHost.get() + ":" + DEFAULT_PORT);
                    if (host.isBlank() || host.contains("/") || host.contains(" ") || host.contains("@")) {
                        throw new Args.UsageException("--host: expected HOST:PORT as the phone reaches the console"
                                + " (e.g. 10.0.4.2:8443), got '" + host + "'");
                    }
                    String token;
                    try {
                        token = ResponderLinks.add(dir, name, now.get(), random);
                    } catch (ResponderLinks.Unusable e) {
                        err.println("lockstep console: " + e.getMessage());
                        return Main.FAILED;
                    }
                    String link = "https://" + host + "/r/" + token;
                    out.println("responder link for " + name + " (read only: the map, the doors and the alerts; no"
                            + " actions). Shown this once; only its hash is kept:");
                    out.println();
                    out.println("  " + link);
                    out.println();
                    out.println("Send it to the responder's phone as a text message, or show it as a QR code to scan"
                            + " (e.g. qrencode -t ansiutf8 '" + link + "'). Anyone holding it sees the building live"
                            + " until you run: lockstep console responder revoke --dir " + dir + " --name " + name);
                    if (args.option("--host").isEmpty()) {
                        out.println("(" + host + " is this machine's name and the usual port: if the phone reaches the"
                                + " console by another address, use that in the link or give --host HOST:PORT.)");
                    }
                }
                case "list" -> {
                    if (links.isEmpty()) {
                        out.println("no responder links in " + ResponderLinks.file(dir));
                    }
                    for (ResponderLinks.Link l : links) {
                        out.println(l.name() + "  made " + l.created());
                    }
                }
                case "revoke" -> {
                    List<ResponderLinks.Link> next = links.stream().filter(l -> !l.name().equals(name)).toList();
                    if (next.size() == links.size()) {
                        err.println("lockstep console: no responder link named " + name + " in "
                                + ResponderLinks.file(dir) + " (lockstep console responder list --dir " + dir + ")");
                        return Main.FAILED;
                    }
                    ResponderLinks.write(dir, next);
                    out.println("revoked " + name + "'s link: a console with --responders " + dir + " refuses it"
                            + " from now on and closes its open pages within a couple of seconds");
                }
                default -> throw new IllegalStateException(verb);
            }
            return Main.OK;
        } catch (IOException e) {
            err.println("lockstep console: cannot write " + ResponderLinks.file(dir) + ": " + e.getMessage());
            return Main.FAILED;
        }
    }

    private static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "CONSOLE-HOST";
        }
    }
}
