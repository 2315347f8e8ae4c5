package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.embeddedbroker.EmbeddedBroker;

class AuditCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... argv) {
        return Main.run(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void usage_mistakes_are_explained() {
        assertEquals(64, run("audit", "--config", MainTest.SITE, "--inject", "jam:c101"), "--inject needs --sim");
        assertEquals(64, run("audit", "--sim", "--config", MainTest.SITE, "--doors", "c999"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no door 'c999'"));
    }

    @Test
    void an_unreachable_broker_is_named_by_its_address_not_the_topic_prefix(@TempDir Path dir) throws Exception {
        int closed = EmbeddedBroker.freePort(); // nothing listens there
        String site = Files.readString(Path.of(MainTest.SITE)).replaceFirst("(?s)\nmqtt:\n.*",
                "\nmqtt: { broker: url, url: 'tcp://127.0.0.1:" + closed + "' }\n");
        Path file = Files.writeString(dir.resolve("site.yaml"), site);
        Path key = org.lockstep.controller.trust.KeyFiles.create(dir.resolve("keys"), "okafor",
                new java.security.SecureRandom()).privateFile();
        assertEquals(1, run("audit", "--config", file.toString(), "--key", key.toString(), "--doors", "c102"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("cannot reach the MQTT broker at tcp://127.0.0.1:" + closed), text);
        assertFalse(text.contains("lockstep/lincoln-ms"), "the topic prefix is not an address: " + text);
    }
}
