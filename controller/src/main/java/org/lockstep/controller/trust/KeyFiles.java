package org.lockstep.controller.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.lockstep.controller.core.Ids;

/**
 * Private key files: {@code <holder>.key} (mode 0600) beside {@code <holder>.pub}. The private file is three lines:
 *
 * <pre>
 * # lockstep Ed25519 private key ...
 * holder: okafor
 * seed: &lt;base64 of the 32-byte RFC 8032 seed&gt;
 * </pre>
 *
 * A private key file readable by group or others is refused when read, and a pair is never written into a directory
 * others can read: a key others can read is a key others can use.
 */
public final class KeyFiles {
    /** A key file is three short lines; anything bigger is not one. */
    static final int MAX_KEY_FILE_BYTES = 1_024;
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    /** A key file that cannot be used; the message names the file and what to do. */
    public static final class KeyFileException extends Exception {
        public KeyFileException(String message) {
            super(message);
        }
    }

    /** What {@link #create} wrote. */
    public record Written(Path privateFile, Path publicFile, Ed25519PublicKey publicKey) {}

    private KeyFiles() {}

    public static Written create(Path dir, String holder, SecureRandom random) throws KeyFileException {
        if (!Ids.isValid(holder)) {
            throw new KeyFileException("--holder '" + holder + "' is not a valid id: " + Ids.RULE);
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rwx------")));
            }
            Set<PosixFilePermission> dirPerms = Files.getPosixFilePermissions(dir);
            if (dirPerms.contains(PosixFilePermission.OTHERS_READ) || dirPerms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new KeyFileException(dir + ": directory is readable or writable by others ("
                        + PosixFilePermissions.toString(dirPerms) + "); keep private keys in a directory only you "
                        + "can read: chmod 700 " + dir);
            }
            Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
            Path priv = dir.resolve(holder + ".key");
            Path pub = dir.resolve(holder + ".pub");
            // Not DurableFile: a key is created, never replaced (createFile refuses one that exists; a rename would
            // silently replace it). A power cut during `keys new` leaves at worst a short key file, which
            // readPrivateKey refuses by name; the person at the terminal moves it away and runs it again.
            Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(priv, "# lockstep Ed25519 private key. Keep it secret; never put it in the site file.\n"
                    + "holder: " + holder + "\nseed: " + key.seedBase64() + "\n", StandardCharsets.UTF_8);
            Files.writeString(pub, key.publicKey().base64() + "\n", StandardCharsets.UTF_8);
            return new Written(priv, pub, key.publicKey());
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(e.getFile() + ": already exists; a key is never overwritten (move it away "
                    + "first, or pick another --dir)");
        } catch (IOException e) {
            throw new KeyFileException(dir + ": cannot write the key pair: " + e);
        }
    }

    /** A private key file's holder and key. */
    public record PrivateKeyFile(String holder, Ed25519PrivateKey key) {}

    /** Reads a private key file into a signer for its holder, refusing one readable by group or others. */
    public static MessageSigner readSigner(Path file) throws KeyFileException {
        PrivateKeyFile k = readPrivateKey(file);
        return new MessageSigner(k.holder(), k.key());
    }

    /** Reads a private key file, refusing one readable by group or others (as {@link #readSigner}). */
    public static PrivateKeyFile readPrivateKey(Path file) throws KeyFileException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new KeyFileException(file + ": no such key file (make one with `lockstep keys new --holder ID`)");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw new KeyFileException(file + ": private key is readable by others ("
                        + PosixFilePermissions.toString(perms) + "); refused. Run: chmod 600 " + file
                        + " — and treat the key as possibly copied (revoke it if others could log in)");
            }
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                throw new KeyFileException(file + ": not a lockstep key file (too large)");
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String holder = null;
            String seed = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("holder:")) {
                    holder = line.substring("holder:".length()).strip();
                } else if (line.startsWith("seed:")) {
                    seed = line.substring("seed:".length()).strip();
                } else {
                    throw new KeyFileException(file + ":" + (i + 1) + ": expected 'holder:' or 'seed:'");
                }
            }
            if (holder == null || !Ids.isValid(holder)) {
                throw new KeyFileException(file + ": missing or invalid 'holder:' line");
            }
            byte[] raw;
            try {
                raw = seed == null ? new byte[0] : Base64.getDecoder().decode(seed);
            } catch (IllegalArgumentException e) {
                raw = new byte[0];
            }
            if (raw.length != Ed25519PublicKey.BYTES) {
                throw new KeyFileException(file + ": 'seed:' must be the base64 of 32 bytes");
            }
            PrivateKeyFile k = new PrivateKeyFile(holder, Ed25519PrivateKey.ofSeed(raw));
            java.util.Arrays.fill(raw, (byte) 0);
            return k;
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read the key: " + e);
        }
    }
}
