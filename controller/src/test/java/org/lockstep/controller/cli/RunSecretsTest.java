package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSecretsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("lockstep run refuses to start with a broker secrets file others can read, and says the chmod")
    void runRefusesOpenSecrets() throws Exception {
        String site = Files.readString(Path.of(MainTest.SITE));
        int at = site.indexOf("\nmqtt:");
        String mqtt = "\nmqtt:\n  broker: url\n  url: ssl://broker.lincoln-ms.example:8883\n  caFile: " + dir
                + "/ca.pem\n  secretsFile: " + dir + "/{client}.secret\n";
        int end = site.indexOf("\n\n", at + 1);
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, site.substring(0, at) + mqtt + (end < 0 ? "" : site.substring(end)));
        Path secret = dir.resolve("commons.secret");
        Files.writeString(secret, "username=commons\npassword=x\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        MainTest.Result r = MainTest.run("run", "--config", file.toString(), "--controller", "commons");
        assertEquals(Main.INVALID_CONFIG, r.code(), r.err());
        assertTrue(r.err().contains("chmod 600 " + secret), r.err());
    }
}
