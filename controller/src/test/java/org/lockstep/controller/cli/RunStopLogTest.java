package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep run} as systemd stops it: SIGTERM, and the stop lines are in the log. tinylog's own shutdown hook
 * raced the controller's and lost them on every stop; the shipped logging configuration is used here, not the tests'.
 */
class RunStopLogTest {
    @TempDir
    Path dir;

    @Test
    void a_sigterm_leaves_the_controllers_stop_line_in_the_log() throws Exception {
        String site = Files.readString(Path.of(MainTest.SITE)).replaceFirst("(?s)\nmqtt:\n.*",
                "\nmqtt: { broker: url, url: 'tcp://127.0.0.1:1' }\n"); // no broker: the doors run without one
        Path file = Files.writeString(dir.resolve("site.yaml"), site);
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtinylog.configuration=" + Path.of("target/classes/tinylog.properties").toAbsolutePath(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--board", "mock", "--config", file.toString(), "--controller",
                "east-lower", "--journal", dir.resolve("journal").toString(), "--key", dir.resolve("none").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("controller east-lower of")) {
                assertTrue(p.isAlive(), "lockstep run ended early:\n" + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "lockstep run did not start:\n" + Files.readString(log));
                Thread.sleep(50); // polling a file another process writes, with a deadline
            }
            p.destroy(); // SIGTERM, as systemctl stop sends it
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "lockstep run did not stop on SIGTERM");
            String text = Files.readString(log);
            assertTrue(text.contains("controller east-lower stopped"), "the stop line was lost:\n" + text);
        } finally {
            p.destroyForcibly();
        }
    }
}
