package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.journal.JournalReader;
import org.lockstep.controller.journal.JournalRecord;
import org.lockstep.controller.trust.KeyFiles;
import org.lockstep.hal.pi4j.Pi4jGpio;

/**
 * {@code lockstep commission} as typed, against {@code lockstep run}'s own wiring ({@link RunningController}) on Pi4J's
 * mock board with a serial detector on a socat pty: the installer reads each instruction off the screen and acts on the
 * mock inputs (a door contact, the fire input, the panic button) or the detector's cable (its heartbeats).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommissionOnMockBoardTest {
    @TempDir
    Path dir;

    private DetectorPty pty;
    private Context context;
    private RunningController running;

    @BeforeAll
    static void needsSocat() {
        DetectorPty.assumeSocat();
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    /** The bench of {@link RunOnMockBoardTest} with a fire input, and the installer's key in the site file. */
    private Path start() throws Exception {
        KeyFiles.Written key = KeyFiles.create(dir.resolve("keys"), "tech", new SecureRandom());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String site = RunOnMockBoardTest.site(port, "de-energise") + """
                fireAlarms:
                  - { id: fire-1, controller: bench, input: { pin: 25, alarmWhen: high, pull: down, debounceMs: 0 } }
                operators:
                  - { id: tech, name: Installer, permissions: [drill, all-clear] }
                keys:
                  operators:
                    tech: %s
                """.formatted(key.publicKey().base64());
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, site);
        pty = new DetectorPty(dir);
        pty.start();
        pty.heartbeats(true);
        SiteConfig config = SiteConfigLoader.load(file);
        context = Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        running = RunningController.start(config, RunOnMockBoardTest.withDetectorPort(config.wiring().get("bench"),
                "wd-1", pty.controllerEnd()), dir.resolve("journal"), Pi4jGpio.of(context), dir.resolve("bench.key"));
        return file;
    }

    @Test
    void every_device_passes_on_the_run_wiring_and_the_record_is_journaled_and_written() throws Exception {
        Path site = start();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = CommissionCommand.run(List.of("--controller", "bench", "--key", dir.resolve("keys/tech.key")
                .toString(), "--config", site.toString(), "--out", dir.resolve("out").toString(), "--yes",
                "--timeout-s", "15"), new ByteArrayInputStream(new byte[0]), new PrintStream(new Hands(screen), true,
                StandardCharsets.UTF_8), new PrintStream(errors, true, StandardCharsets.UTF_8));

        String printed = screen.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed + errors);
        for (String device : List.of("c101", "m201", "fire-1", "wd-1", "panic-1")) {
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("PASS") && l.contains(" " + device + " ")),
                    device + " passed:\n" + printed);
        }
        // The records go to the controller over MQTT and are not acknowledged: the last lands a moment after exit.
        DetectorPty.await("five COMMISSIONED records journaled", () -> commissioned().size() == 5,
                () -> commissioned().toString());
        List<Event.Commissioned> journaled = commissioned();
        assertEquals(5, journaled.size(), journaled.toString());
        assertTrue(journaled.stream().allMatch(c -> c.passed() && c.operator().id().equals("tech")));
        Path json;
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            List<Path> written = files.sorted().toList();
            assertEquals(2, written.size(), written.toString());
            json = written.stream().filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode record = new ObjectMapper().readTree(Files.readString(json));
        assertEquals("tech", record.get("commissionedBy").asText());
        assertEquals(5, record.get("devices").size());
        assertTrue(Files.readString(Path.of(json.toString().replace(".json", ".html"))).contains("Commissioning record"));
    }

    private List<Event.Commissioned> commissioned() {
        return JournalReader.read(dir.resolve("journal")).records().stream().map(JournalRecord::event)
                .filter(e -> e instanceof Event.Commissioned).map(e -> (Event.Commissioned) e).toList();
    }

    /** The installer: reads each ">>>" instruction off the screen as it is printed and does it. */
    private final class Hands extends OutputStream {
        private final ByteArrayOutputStream screen;
        private final StringBuilder line = new StringBuilder();

        Hands(ByteArrayOutputStream screen) {
            this.screen = screen;
        }

        @Override
        public void write(int b) {
            screen.write(b);
            if (b != '\n') {
                line.append((char) b);
                return;
            }
            String l = line.toString();
            line.setLength(0);
            if (!l.contains(">>> ")) {
                return;
            }
            if (l.contains("open door c101") || l.contains("close door c101")) {
                input("c101.contact").mockState(l.contains("open door") ? DigitalState.HIGH : DigitalState.LOW);
            } else if (l.contains("open door m201") || l.contains("close door m201")) {
                input("m201.contact").mockState(l.contains("open door") ? DigitalState.HIGH : DigitalState.LOW);
            } else if (l.contains("fire input fire-1")) {
                input("fire-1.input").mockState(l.contains("activate") ? DigitalState.HIGH : DigitalState.LOW);
            } else if (l.contains("detector wd-1")) {
                pty.heartbeats(l.contains("plug detector wd-1's cable back in"));
            } else if (l.contains("press panic button panic-1")) {
                input("panic-1.input").mockState(DigitalState.HIGH);
            }
        }
    }

    private MockDigitalInput input(String port) {
        return context.io(Pi4jGpio.pi4jId(port), MockDigitalInput.class);
    }
}
