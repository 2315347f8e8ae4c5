package org.lockstep.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.files.DurableFile;
import org.lockstep.controller.mqtt.CommandDecoder;
import org.lockstep.controller.trust.Ed25519PrivateKey;

/**
 * An operator's credential file, {@code <dir>/<operator>.cred}: the operator's Ed25519 signing key sealed with
 * AES-256-GCM under a key derived from the operator's password with Argon2id (BouncyCastle's; the JDK has no Argon2).
 * One JSON object, version 1:
 *
 * <pre>
 * {"format":"lockstep-operator-credential","version":1,"operator":"okafor",
 *  "kdf":{"alg":"argon2id","memoryKiB":65536,"passes":3,"parallelism":1,"salt":"&lt;16 bytes b64&gt;"},
 *  "aead":{"alg":"AES-256-GCM","nonce":"&lt;12 bytes b64&gt;","ciphertext":"&lt;32-byte seed + 16-byte tag, b64&gt;"}}
 * </pre>
 *
 * The operator id and the Argon2 parameters are the cipher's associated data, so a file edited to another operator or
 * weaker parameters fails its tag like a wrong password. A .cred is a file from outside: it is read only if small,
 * strictly formed, and with Argon2 parameters inside {@link Params#MAX_MEMORY_KIB} and {@link Params#MAX_PASSES}, so a
 * crafted file cannot make the console allocate gigabytes or spin for minutes.
 */
public final class OperatorCredential {
    static final String FORMAT = "lockstep-operator-credential";
    static final int VERSION = 1;
    /** A credential file is a few hundred bytes; anything bigger is refused unread. */
    static final int MAX_FILE_BYTES = 2_048;
    static final int SALT_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int SEED_BYTES = 32;
    static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Argon2id cost, bounded both ways: too cheap is a weak file, too dear is a crafted one. */
    public record Params(int memoryKiB, int passes, int parallelism) {
        /** 64 MiB, 3 passes, 1 lane: about 0.3-0.5 s on an office PC or a Pi 4. */
        public static final Params DEFAULT = new Params(64 * 1024, 3, 1);
        static final int MIN_MEMORY_KIB = 8 * 1024;
        static final int MAX_MEMORY_KIB = 256 * 1024;
        static final int MAX_PASSES = 10;
        static final int MAX_PARALLELISM = 4;

        public Params {
            if (memoryKiB < MIN_MEMORY_KIB || memoryKiB > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("memoryKiB must be " + MIN_MEMORY_KIB + "-" + MAX_MEMORY_KIB
                        + ", was " + memoryKiB);
            }
            if (passes < 1 || passes > MAX_PASSES) {
                throw new IllegalArgumentException("passes must be 1-" + MAX_PASSES + ", was " + passes);
            }
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("parallelism must be 1-" + MAX_PARALLELISM + ", was " + parallelism);
            }
        }
    }

    /** The file cannot be used at all (missing, too open, malformed, absurd parameters): the message says why. */
    public static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    /** The password did not open the file (or the file was altered: the two look the same, by design). */
    public static final class WrongPassword extends Exception {
        WrongPassword() {
            super("wrong operator or password");
        }
    }

    private OperatorCredential() {}

    /** Where {@code operator}'s file is in {@code dir}; the id is checked first so it can name nothing else. */
    public static Path file(Path dir, String operator) {
        return dir.resolve(Ids.require("operator", operator) + ".cred");
    }

    /** The sealed file's text. Pure apart from the Argon2 work; {@code password} is not kept. */
    static String seal(String operator, Ed25519PrivateKey key, char[] password, Params params, SecureRandom random) {
        Ids.require("operator", operator);
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] seed = key.seedCopy();
        byte[] aesKey = derive(password, salt, params);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associatedData(operator, params));
            byte[] sealed = c.doFinal(seed);
            ObjectNode n = JSON.createObjectNode();
            n.put("format", FORMAT);
            n.put("version", VERSION);
            n.put("operator", operator);
            ObjectNode kdf = n.putObject("kdf");
            kdf.put("alg", "argon2id");
            kdf.put("memoryKiB", params.memoryKiB());
            kdf.put("passes", params.passes());
            kdf.put("parallelism", params.parallelism());
            kdf.put("salt", Base64.getEncoder().encodeToString(salt));
            ObjectNode aead = n.putObject("aead");
            aead.put("alg", "AES-256-GCM");
            aead.put("nonce", Base64.getEncoder().encodeToString(nonce));
            aead.put("ciphertext", Base64.getEncoder().encodeToString(sealed));
            return n.toPrettyString() + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK: " + e, e);
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    /**
     * Writes {@code operator}'s file into {@code dir} (made 0700 if absent): whole and for good ({@link DurableFile}:
     * mode 0600 from its first byte, old file or new after a power cut, never half of one). Replaces an older file of the operator's
     * (a new password).
     */
    public static Path write(Path dir, String operator, Ed25519PrivateKey key, char[] password, Params params,
            SecureRandom random) throws IOException {
        String text = seal(operator, key, password, params, random);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        }
        Path target = file(dir, operator);
        DurableFile.replace(target, text.getBytes(StandardCharsets.UTF_8));
        return target;
    }

    /** Reads and opens {@code operator}'s file in {@code dir}: the operator's private key. Runs Argon2 (slow). */
    public static Ed25519PrivateKey open(Path dir, String operator, char[] password) throws Unusable, WrongPassword {
        if (!Ids.isValid(operator)) {
            throw new WrongPassword(); // never a path: an id that cannot be an operator is just a wrong operator
        }
        Path f = file(dir, operator);
        byte[] bytes;
        try {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new WrongPassword(); // no such operator here: the same answer as a wrong password
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)) {
                throw new Unusable(f + " is readable or writable by others (" + PosixFilePermissions.toString(perms)
                        + "); refused: chmod 600 " + f);
            }
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new Unusable(f + ": larger than " + MAX_FILE_BYTES + " bytes, not a credential file");
            }
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new Unusable(f + ": cannot read: " + e.getMessage());
        }
        return unseal(f.toString(), operator, bytes, password);
    }

    /** Opens a file's bytes as {@code operator}'s; {@code where} names it in messages. */
    static Ed25519PrivateKey unseal(String where, String operator, byte[] bytes, char[] password)
            throws Unusable, WrongPassword {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new Unusable(where + ": larger than " + MAX_FILE_BYTES + " bytes, not a credential file");
        }
        JsonNode n;
        try {
            n = CommandDecoder.STRICT.readTree(bytes);
        } catch (IOException e) {
            throw new Unusable(where + ": not a credential file (not JSON)");
        }
        if (n == null || !n.isObject()) {
            throw new Unusable(where + ": not a credential file");
        }
        only(where, n, "format", "version", "operator", "kdf", "aead");
        if (!FORMAT.equals(text(where, n, "format"))) {
            throw new Unusable(where + ": not a " + FORMAT + " file");
        }
        if (integer(where, n, "version") != VERSION) {
            throw new Unusable(where + ": version " + n.get("version") + " is not one this console reads (1)");
        }
        if (!operator.equals(text(where, n, "operator"))) {
            throw new Unusable(where + ": the file is for another operator");
        }
        JsonNode kdf = object(where, n, "kdf");
        only(where, kdf, "alg", "memoryKiB", "passes", "parallelism", "salt");
        if (!"argon2id".equals(text(where, kdf, "alg"))) {
            throw new Unusable(where + ": kdf.alg must be argon2id");
        }
        Params params;
        try {
            params = new Params(integer(where, kdf, "memoryKiB"), integer(where, kdf, "passes"),
                    integer(where, kdf, "parallelism"));
        } catch (IllegalArgumentException e) {
            throw new Unusable(where + ": kdf: " + e.getMessage());
        }
        byte[] salt = base64(where, kdf, "salt", SALT_BYTES);
        JsonNode aead = object(where, n, "aead");
        only(where, aead, "alg", "nonce", "ciphertext");
        if (!"AES-256-GCM".equals(text(where, aead, "alg"))) {
            throw new Unusable(where + ": aead.alg must be AES-256-GCM");
        }
        byte[] nonce = base64(where, aead, "nonce", NONCE_BYTES);
        byte[] sealed = base64(where, aead, "ciphertext", SEED_BYTES + TAG_BITS / 8);
        byte[] aesKey = derive(password, salt, params);
        byte[] seed = null;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associatedData(operator, params));
            seed = c.doFinal(sealed);
            return Ed25519PrivateKey.ofSeed(seed);
        } catch (AEADBadTagException e) {
            throw new WrongPassword();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK: " + e, e);
        } finally {
            Arrays.fill(aesKey, (byte) 0);
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    static byte[] derive(char[] password, byte[] salt, Params p) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(p.memoryKiB()).withIterations(p.passes())
                .withParallelism(p.parallelism()).build());
        byte[] out = new byte[32];
        g.generateBytes(password, out);
        return out;
    }

    private static byte[] associatedData(String operator, Params p) {
        return (FORMAT + " v" + VERSION + " operator=" + operator + " argon2id m=" + p.memoryKiB() + " t=" + p.passes()
                + " p=" + p.parallelism()).getBytes(StandardCharsets.UTF_8);
    }

    private static void only(String where, JsonNode n, String... fields) throws Unusable {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new Unusable(where + ": unknown field '" + ConsoleDecoder.clip(f) + "'");
            }
        }
    }

    private static String text(String where, JsonNode n, String field) throws Unusable {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new Unusable(where + ": '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static int integer(String where, JsonNode n, String field) throws Unusable {
        JsonNode v = n.get(field);
        if (v == null || !v.isInt()) {
            throw new Unusable(where + ": '" + field + "' must be a whole number");
        }
        return v.intValue();
    }

    private static JsonNode object(String where, JsonNode n, String field) throws Unusable {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new Unusable(where + ": '" + field + "' must be an object");
        }
        return v;
    }

    private static byte[] base64(String where, JsonNode n, String field, int length) throws Unusable {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(text(where, n, field));
        } catch (IllegalArgumentException e) {
            b = new byte[0];
        }
        if (b.length != length) {
            throw new Unusable(where + ": '" + field + "' must be the base64 of " + length + " bytes");
        }
        return b;
    }
}
