package org.lockstep.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lockstep.controller.cli.Args;
import org.lockstep.controller.cli.Main;
import org.lockstep.controller.cli.SiteFile;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.trust.KeyFiles;
import org.lockstep.controller.trust.KeyHolder;

/**
 * {@code lockstep console operator add --config FILE --dir DIR --operator ID --key KEYFILE}: seals an operator's
 * private key (read as every command reads one, {@link KeyFiles#readPrivateKey}) under a password into
 * {@code DIR/ID.cred} ({@link OperatorCredential}). The password is read twice without echo at a terminal, or once
 * from standard input (one line) for scripts.
 */
final class OperatorCli {
    static final int MIN_PASSWORD_CHARS = 12;
    static final String USAGE = "lockstep console operator add --config FILE --dir DIR --operator ID --key KEYFILE";

    private OperatorCli() {}

    static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err) throws Args.UsageException {
        if (argv.isEmpty() || !argv.getFirst().equals("add")) {
            throw new Args.UsageException("usage: " + USAGE);
        }
        Args args = Args.parse(argv.subList(1, argv.size()), Set.of("--config", "--dir", "--operator", "--key"),
                Set.of());
        for (String o : List.of("--dir", "--operator", "--key")) {
            if (args.option(o).isEmpty()) {
                throw new Args.UsageException("operator add needs " + o + "; usage: " + USAGE);
            }
        }
        if (!args.positionals().isEmpty()) {
            throw new Args.UsageException("operator add takes no arguments besides its options, got '"
                    + args.positionals().getFirst() + "'");
        }
        Optional<SiteConfig> loaded = SiteFile.load(Path.of(args.option("--config").orElse(Main.DEFAULT_SITE)), err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
        String id = args.option("--operator").get();
        if (config.site().operators().stream().noneMatch(o -> o.id().equals(id))
                || config.keys().holder(id).map(h -> h.kind() != KeyHolder.Kind.OPERATOR).orElse(false)) {
            err.println("lockstep console: '" + id + "' is not an operator under operators: in " + config.file());
            return Main.FAILED;
        }
        KeyFiles.PrivateKeyFile key;
        try {
            key = KeyFiles.readPrivateKey(Path.of(args.option("--key").get()));
        } catch (KeyFiles.KeyFileException e) {
            err.println("lockstep: " + e.getMessage());
            return Main.FAILED;
        }
        if (!key.holder().equals(id)) {
            err.println("lockstep console: " + args.option("--key").get() + " is " + key.holder() + "'s key, not "
                    + id + "'s");
            return Main.FAILED;
        }
        Optional<KeyHolder> listed = config.keys().holder(id);
        if (listed.isPresent() && !listed.get().key().equals(key.key().publicKey())) {
            err.println("lockstep console: " + args.option("--key").get() + " is not the key listed for " + id
                    + " under keys: in " + config.file() + "; the controllers would refuse everything it signs");
            return Main.FAILED;
        }
        char[] password = null;
        try {
            password = readPassword(stdin, err);
            if (password.length < MIN_PASSWORD_CHARS) {
                err.println("lockstep console: the password must be at least " + MIN_PASSWORD_CHARS + " characters");
                return Main.FAILED;
            }
            Path written = OperatorCredential.write(Path.of(args.option("--dir").get()), id, key.key(), password,
                    OperatorCredential.Params.DEFAULT, new SecureRandom());
            out.println("wrote " + written + " (mode 600): " + id + " can sign in on a console started with --operators "
                    + args.option("--dir").get());
            return Main.OK;
        } catch (IOException e) {
            err.println("lockstep console: cannot write the credential file: " + e.getMessage());
            return Main.FAILED;
        } catch (PasswordMismatch e) {
            err.println("lockstep console: " + e.getMessage());
            return Main.FAILED;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            key.key().destroy();
        }
    }

    private static final class PasswordMismatch extends Exception {
        PasswordMismatch(String message) {
            super(message);
        }
    }

    /** Twice without echo at a terminal; otherwise the first line of standard input. */
    private static char[] readPassword(InputStream stdin, PrintStream err) throws IOException, PasswordMismatch {
        java.io.Console tty = System.console();
        if (tty != null && stdin == System.in) {
            char[] first = tty.readPassword("Password: ");
            char[] second = tty.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new PasswordMismatch("the two passwords differ; nothing written");
            }
            Arrays.fill(second, '\0');
            return first;
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null) {
            throw new PasswordMismatch("no password on standard input; nothing written");
        }
        return line.toCharArray();
    }
}
