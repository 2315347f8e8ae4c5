package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

import org.lockstep.controller.trust.KeyFiles;

/** {@code lockstep keys new --holder ID [--dir D]}: makes a key pair and prints the site-file line. */
final class KeysCommand {
    static final String HELP = """
            Usage: lockstep keys new --holder ID [--dir DIR]

            Makes an Ed25519 key pair for one holder (an operator, an office console device or a controller):
              DIR/ID.key   the private key, mode 0600: it stays on the holder's device, never in the site file
              DIR/ID.pub   the public key
            and prints the line to add under keys: in the site file (operators:, consoles: or controllers:).
            Refuses a DIR that others can read, and never overwrites a key.

            Options:
              --holder ID   who holds the key: an operator id, a console id (e.g. front-desk) or a controller id
              --dir DIR     where to write the pair (default ~/.lockstep/keys; /etc/lockstep/keys on a controller)

            Then sign commands with: lockstep command lockdown --key DIR/ID.key
            See docs/SECURITY.md (rotation, revocation, a lost key).
            """;

    private KeysCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        if (argv.isEmpty() || !argv.getFirst().equals("new")) {
            throw new Args.UsageException("keys: expected 'keys new --holder ID [--dir DIR]'");
        }
        Args args = Args.parse(argv.subList(1, argv.size()), Set.of("--holder", "--dir"), Set.of());
        if (!args.positionals().isEmpty()) {
            throw new Args.UsageException("keys new takes no positional arguments; did you mean --holder "
                    + args.positionals().getFirst() + "?");
        }
        String holder = args.option("--holder").orElseThrow(() -> new Args.UsageException(
                "keys new needs --holder ID (an operator, console or controller id from the site file)"));
        Path dir = Path.of(args.option("--dir").orElse(System.getProperty("user.home") + "/.lockstep/keys"));
        try {
            KeyFiles.Written w = KeyFiles.create(dir, holder, new SecureRandom());
            out.println("wrote " + w.privateFile() + " (private, 0600: keep it on this device only)");
            out.println("wrote " + w.publicFile());
            out.println("add this line to the site file under keys: -> operators:, consoles: or controllers:");
            out.println("    " + holder + ": " + w.publicKey().base64());
            return Main.OK;
        } catch (KeyFiles.KeyFileException e) {
            err.println("lockstep: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
