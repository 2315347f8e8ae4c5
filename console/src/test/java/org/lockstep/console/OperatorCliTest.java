package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.cli.Main;
import org.lockstep.controller.trust.KeyFiles;

/** {@code lockstep console operator add}, from a script (the password on standard input). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OperatorCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int add(Path site, Path dir, String operator, Path key, String stdin) throws Exception {
        return OperatorCli.run(List.of("add", "--config", site.toString(), "--dir", dir.toString(), "--operator",
                operator, "--key", key.toString()), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The example site with okafor's listed key replaced by a new one whose private half is in {@code keys}. */
    private static Path siteWithOkafor(Path tmp, Path keys) throws Exception {
        Files.createDirectories(keys, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        var written = KeyFiles.create(keys, "okafor", new SecureRandom());
        KeyFiles.create(keys, "rivera", new SecureRandom());
        String site = Files.readString(Path.of("../deploy/site.example.yaml"))
                .replaceFirst("okafor: [A-Za-z0-9+/=]+", "okafor: " + written.publicKey().base64());
        return Files.writeString(tmp.resolve("site.yaml"), site);
    }

    @Test
    void it_seals_the_operators_key_under_the_password_and_the_console_opens_it(@TempDir Path tmp) throws Exception {
        Path keys = tmp.resolve("keys");
        Path site = siteWithOkafor(tmp, keys);
        assertEquals(Main.OK, add(site, tmp.resolve("ops"), "okafor", keys.resolve("okafor.key"),
                "a long enough password\n"), err.toString());
        Path cred = tmp.resolve("ops/okafor.cred");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cred)));
        assertEquals(KeyFiles.readPrivateKey(keys.resolve("okafor.key")).key().publicKey(),
                OperatorCredential.open(tmp.resolve("ops"), "okafor", "a long enough password".toCharArray())
                        .publicKey());
    }

    @Test
    void it_refuses_another_holders_key_a_key_not_listed_a_non_operator_and_a_short_password(@TempDir Path tmp)
            throws Exception {
        Path keys = tmp.resolve("keys");
        Path site = siteWithOkafor(tmp, keys);
        Path ops = tmp.resolve("ops");
        assertEquals(Main.FAILED, add(site, ops, "okafor", keys.resolve("rivera.key"), "a long enough password\n"));
        assertTrue(err.toString().contains("rivera's key, not okafor's"), err.toString());
        assertEquals(Main.FAILED, add(site, ops, "rivera", keys.resolve("rivera.key"), "a long enough password\n"));
        assertTrue(err.toString().contains("not the key listed for rivera"), err.toString());
        assertEquals(Main.FAILED, add(site, ops, "front-desk", keys.resolve("okafor.key"), "a long enough password\n"));
        assertTrue(err.toString().contains("not an operator"), err.toString());
        assertEquals(Main.FAILED, add(site, ops, "okafor", keys.resolve("okafor.key"), "short\n"));
        assertTrue(err.toString().contains("at least 12"), err.toString());
        assertTrue(!Files.exists(ops.resolve("okafor.cred")) && !Files.exists(ops.resolve("rivera.cred")));
    }
}
