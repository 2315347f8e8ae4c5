package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.MqttSettings;

class MqttSecretsTest {
    @TempDir
    Path dir;

    private Path secrets(String text, String mode) throws Exception {
        Path f = dir.resolve("east.secret");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    @DisplayName("a 0600 secrets file gives the account; toString hides the password")
    void reads() throws Exception {
        MqttSecrets s = MqttSecrets.read(secrets("# east\nusername=east\npassword=s3cret=x\n", "rw-------"));
        assertEquals("east", s.username());
        assertArrayEquals("s3cret=x".toCharArray(), s.password());
        assertFalse(s.toString().contains("s3cret"));
    }

    @Test
    @DisplayName("readable by group or others: refused, naming the file and the chmod to run")
    void openFileRefused() throws Exception {
        for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"}) {
            Path f = secrets("username=east\npassword=x\n", mode);
            MqttSecrets.Unusable e = assertThrows(MqttSecrets.Unusable.class, () -> MqttSecrets.read(f));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("chmod 600 " + f),
                    e.getMessage());
        }
    }

    @Test
    @DisplayName("a malformed file names the line; the password never appears in a message")
    void malformedNamesTheLine() throws Exception {
        MqttSecrets.Unusable e = assertThrows(MqttSecrets.Unusable.class,
                () -> MqttSecrets.read(secrets("username=east\npasword=hunter2\n", "rw-------")));
        assertTrue(e.getMessage().contains("east.secret:2:"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(assertThrows(MqttSecrets.Unusable.class, () -> MqttSecrets.read(secrets("username=east\n",
                "rw-------"))).getMessage().contains("password: missing"));
        assertTrue(assertThrows(MqttSecrets.Unusable.class, () -> MqttSecrets.read(dir.resolve("none.secret")))
                .getMessage().contains("no such file"));
    }

    @Test
    @DisplayName("the transport refuses to be built with an open secrets file: the controller does not start")
    void transportRefusesOpenSecrets() throws Exception {
        secrets("username=east\npassword=x\n", "rw-r--r--");
        MqttSettings s = MqttSettings.external("s", URI.create("ssl://broker.example:8883"))
                .withSecrets(dir + "/{client}.secret", dir.resolve("ca.pem"));
        assertThrows(MqttSecrets.Unusable.class, () -> new PahoMqttTransport(s, "east", "t/availability"));
    }

    @Test
    @DisplayName("site file: secretsFile needs {client}; the shared username/passwordFile is refused; no plain tcp off"
            + " this machine")
    void settingsRules() {
        MqttSettings ok = MqttSettings.fromMap(Map.of("broker", "url", "url", "ssl://b.example:8883", "caFile",
                "/etc/lockstep/ca.pem", "secretsFile", "/etc/lockstep/mqtt/{client}.secret"), "s");
        assertEquals(Path.of("/etc/lockstep/mqtt/east.secret"), ok.secretsFor("east").orElseThrow());
        String all = String.join("\n", assertThrows(MqttSettings.Invalid.class, () -> MqttSettings.fromMap(Map.of(
                "broker", "url", "url", "tcp://broker.example:1883", "secretsFile", "/etc/lockstep/mqtt.secret",
                "username", "lockstep", "clientCert", "/c.pem"), "s")).problems());
        assertTrue(all.contains("mqtt.url: plain tcp:// only to a broker on this machine"), all);
        assertTrue(all.contains("mqtt.secretsFile: must contain {client}"), all);
        assertTrue(all.contains("mqtt.username: no longer supported"), all);
        assertTrue(all.contains("mqtt.clientKey: clientCert and clientKey go together"), all);
        MqttSettings.fromMap(Map.of("broker", "url", "url", "tcp://127.0.0.1:1883"), "s"); // a local broker is fine
    }
}
