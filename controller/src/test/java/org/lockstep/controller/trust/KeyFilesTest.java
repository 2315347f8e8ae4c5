package org.lockstep.controller.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    @Test
    void aNewPairIsPrivateAndSignsAsItsHolder(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        KeyFiles.Written w = KeyFiles.create(dir, "okafor", new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(w.privateFile())));
        MessageSigner signer = KeyFiles.readSigner(w.privateFile());
        assertEquals("okafor", signer.holderId());
        assertEquals(w.publicKey(), signer.publicKey());
        assertEquals(w.publicKey(), Ed25519PublicKey.parse(Files.readString(w.publicFile())));
    }

    @Test
    void aDirectoryOthersCanReadIsRefused(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        var e = assertThrows(KeyFiles.KeyFileException.class, () -> KeyFiles.create(dir, "okafor", new SecureRandom()));
        assertTrue(e.getMessage().contains("chmod 700"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("okafor.key")));
    }

    @Test
    void aPrivateKeyOthersCanReadIsRefusedWhenRead(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        KeyFiles.Written w = KeyFiles.create(dir, "okafor", new SecureRandom());
        Files.setPosixFilePermissions(w.privateFile(), PosixFilePermissions.fromString("rw-r--r--"));
        var e = assertThrows(KeyFiles.KeyFileException.class, () -> KeyFiles.readSigner(w.privateFile()));
        assertTrue(e.getMessage().contains("readable by others") && e.getMessage().contains("chmod 600"),
                e.getMessage());
    }

    @Test
    void anExistingKeyIsNeverOverwritten(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        KeyFiles.Written w = KeyFiles.create(dir, "okafor", new SecureRandom());
        String before = Files.readString(w.privateFile());
        assertThrows(KeyFiles.KeyFileException.class, () -> KeyFiles.create(dir, "okafor", new SecureRandom()));
        assertEquals(before, Files.readString(w.privateFile()));
    }
}
