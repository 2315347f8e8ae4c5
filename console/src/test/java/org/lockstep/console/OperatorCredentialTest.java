package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.trust.Ed25519PrivateKey;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OperatorCredentialTest {
    /** The cheapest parameters the reader accepts: the format is the same, the tests stay fast. */
    static final OperatorCredential.Params CHEAP = new OperatorCredential.Params(8 * 1024, 1, 1);
    private static final char[] PASSWORD = "correct horse battery".toCharArray();
    private final SecureRandom random = new SecureRandom();
    private final Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);

    @Test
    void the_right_password_opens_the_operators_key_and_the_file_is_private(@TempDir Path dir) throws Exception {
        Path f = OperatorCredential.write(dir.resolve("creds"), "okafor", key, PASSWORD, CHEAP, random);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
        assertEquals(1, Files.list(f.getParent()).count(), "no temporary file left behind");
        Ed25519PrivateKey opened = OperatorCredential.open(dir.resolve("creds"), "okafor", PASSWORD);
        assertEquals(key.publicKey(), opened.publicKey());
        assertTrue(!Files.readString(f).contains(java.util.Base64.getEncoder().encodeToString(key.seedCopy())),
                "the seed is not in the file in the clear");
    }

    @Test
    void a_wrong_password_or_an_unknown_operator_is_the_same_refusal(@TempDir Path dir) throws Exception {
        OperatorCredential.write(dir, "okafor", key, PASSWORD, CHEAP, random);
        var e = assertThrows(OperatorCredential.WrongPassword.class,
                () -> OperatorCredential.open(dir, "okafor", "correct horse battery!".toCharArray()));
        assertEquals("wrong operator or password", e.getMessage());
        assertThrows(OperatorCredential.WrongPassword.class, () -> OperatorCredential.open(dir, "rivera", PASSWORD));
        assertThrows(OperatorCredential.WrongPassword.class, () -> OperatorCredential.open(dir, "../okafor", PASSWORD));
    }

    @Test
    void a_tampered_ciphertext_or_a_file_moved_to_another_operator_is_refused(@TempDir Path dir) throws Exception {
        String text = OperatorCredential.seal("okafor", key, PASSWORD, CHEAP, random);
        String ct = text.replaceAll("(?s).*\"ciphertext\" : \"([^\"]+)\".*", "$1").strip();
        byte[] raw = java.util.Base64.getDecoder().decode(ct);
        raw[3] ^= 1;
        String tampered = text.replace(ct, java.util.Base64.getEncoder().encodeToString(raw));
        assertThrows(OperatorCredential.WrongPassword.class, () -> OperatorCredential.unseal("f", "okafor",
                tampered.getBytes(StandardCharsets.UTF_8), PASSWORD));
        // the same file renamed to rivera.cred with its operator edited: the associated data no longer matches
        String moved = text.replace("\"okafor\"", "\"rivera\"");
        assertThrows(OperatorCredential.WrongPassword.class, () -> OperatorCredential.unseal("f", "rivera",
                moved.getBytes(StandardCharsets.UTF_8), PASSWORD));
        // fewer passes than it was sealed with (a downgrade): also its tag fails
        String weaker = OperatorCredential.seal("okafor", key, PASSWORD, new OperatorCredential.Params(8 * 1024, 2, 1),
                random).replace("\"passes\" : 2", "\"passes\" : 1");
        assertThrows(OperatorCredential.WrongPassword.class, () -> OperatorCredential.unseal("f", "okafor",
                weaker.getBytes(StandardCharsets.UTF_8), PASSWORD));
        // and the untouched text opens
        assertEquals(key.publicKey(), OperatorCredential.unseal("f", "okafor", text.getBytes(StandardCharsets.UTF_8),
                PASSWORD).publicKey());
    }

    @Test
    void absurd_argon2_parameters_in_a_crafted_file_are_refused_before_any_work() {
        String text = OperatorCredential.seal("okafor", key, PASSWORD, CHEAP, random);
        for (String[] edit : new String[][] {{"\"memoryKiB\" : 8192", "\"memoryKiB\" : 4194304"},
                {"\"memoryKiB\" : 8192", "\"memoryKiB\" : 1024"}, {"\"passes\" : 1", "\"passes\" : 1000000"},
                {"\"parallelism\" : 1", "\"parallelism\" : 64"}, {"\"memoryKiB\" : 8192", "\"memoryKiB\" : 8192.5"}}) {
            String crafted = text.replace(edit[0], edit[1]);
            assertTrue(!crafted.equals(text), edit[0]);
            long t0 = System.nanoTime();
            var e = assertThrows(OperatorCredential.Unusable.class, () -> OperatorCredential.unseal("f", "okafor",
                    crafted.getBytes(StandardCharsets.UTF_8), PASSWORD), edit[1]);
            assertTrue(e.getMessage().contains("kdf") || e.getMessage().contains("memoryKiB"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < 50_000_000L, "refused without running Argon2: " + edit[1]);
        }
    }

    @Test
    void a_malformed_file_is_unusable_and_says_why(@TempDir Path dir) throws Exception {
        String text = OperatorCredential.seal("okafor", key, PASSWORD, CHEAP, random);
        for (String[] edit : new String[][] {{"\"version\" : 1", "\"version\" : 2"}, {"argon2id", "argon2i"},
                {"\"format\"", "\"extra\" : 1, \"format\""}, {"AES-256-GCM", "AES-128-GCM"}, {"{", "["}}) {
            String bad = text.replace(edit[0], edit[1]);
            assertThrows(OperatorCredential.Unusable.class, () -> OperatorCredential.unseal("f", "okafor",
                    bad.getBytes(StandardCharsets.UTF_8), PASSWORD), edit[1]);
        }
        assertThrows(OperatorCredential.Unusable.class, () -> OperatorCredential.unseal("f", "okafor",
                new byte[OperatorCredential.MAX_FILE_BYTES + 1], PASSWORD));
        Path f = OperatorCredential.write(dir, "okafor", key, PASSWORD, CHEAP, random);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        var e = assertThrows(OperatorCredential.Unusable.class, () -> OperatorCredential.open(dir, "okafor", PASSWORD));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void the_default_cost_is_what_the_docs_say() {
        assertArrayEquals(new int[] {65_536, 3, 1}, new int[] {OperatorCredential.Params.DEFAULT.memoryKiB(),
                OperatorCredential.Params.DEFAULT.passes(), OperatorCredential.Params.DEFAULT.parallelism()});
        long t0 = System.nanoTime();
        OperatorCredential.derive(PASSWORD, new byte[16], OperatorCredential.Params.DEFAULT);
        System.out.println("argon2id 64 MiB t=3 p=1: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
