package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One client's broker account, from its secrets file ({@code lockstep provision} writes one per controller, console,
 * office device and audit tool, mode 0600):
 *
 * <pre>
 * # broker account of controller east-lower
 * username=east-lower
 * password=...
 * </pre>
 *
 * A file that group or others may read is refused with the chmod to run: a password anyone on the box can read is
 * not a secret. The password is never logged; {@link #toString()} hides it.
 */
public record MqttSecrets(String username, char[] password) {
    /** Longest line read: a password is ~43 characters; anything huge is not a secrets file. */
    private static final long MAX_BYTES = 4096;

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** A secrets file that cannot be used; the message names the file, the line or the mode, and what to do. */
    public static final class Unusable extends IllegalArgumentException {
        Unusable(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "MqttSecrets[username=" + username + ", password=(hidden)]";
    }

    /**
     * Reads and checks a secrets file.
     *
     * @throws Unusable if it is missing, readable by group or others, too large, or not two lines
     *     {@code username=}/{@code password=} (comments with {@code #} and blank lines allowed)
     */
    public static MqttSecrets read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new Unusable(file + ": no such file (the broker account of this client; 'lockstep provision'"
                        + " makes it, docs/mqtt.md)");
            }
            checkPrivate(file);
            if (Files.size(file) > MAX_BYTES) {
                throw new Unusable(file + ": " + Files.size(file) + " bytes, not a secrets file (at most " + MAX_BYTES
                        + ")");
            }
            return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unusable(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Refuses a file group or others may use (on file systems without POSIX modes there is nothing to check). */
    static void checkPrivate(Path file) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(perms);
        open.retainAll(OTHERS);
        if (!open.isEmpty()) {
            throw new Unusable(file + ": readable by others (mode " + PosixFilePermissions.toString(perms)
                    + "); it holds a broker password: run  chmod 600 " + file + "  (and chown it to the user"
                    + " lockstep runs as)");
        }
    }

    private static MqttSecrets parse(Path file, List<String> lines) {
        String username = null;
        String password = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            String at = file + ":" + (i + 1) + ": ";
            switch (key) {
                case "username" -> {
                    if (username != null || value.isEmpty()) {
                        throw new Unusable(at + "username: " + (value.isEmpty() ? "empty" : "given twice"));
                    }
                    username = value;
                }
                case "password" -> {
                    if (password != null || value.isEmpty()) {
                        throw new Unusable(at + "password: " + (value.isEmpty() ? "empty" : "given twice"));
                    }
                    password = value;
                }
                default -> throw new Unusable(at + "expected username=... or password=..., found '"
                        + (eq < 0 ? "(a line without =)" : key + "=...") + "'");
            }
        }
        if (username == null || password == null) {
            throw new Unusable(file + ": " + (username == null ? "username" : "password") + ": missing (the file"
                    + " needs username=... and password=...)");
        }
        return new MqttSecrets(username, password.toCharArray());
    }
}
