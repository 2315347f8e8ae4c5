package org.lockstep.hal.serial;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.pi4j.Pi4J;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.SerialLink;
import org.lockstep.hal.SerialSettings;
import org.lockstep.hal.detector.LineFrameEncoder;
import org.lockstep.hal.detector.LineProtocol;
import org.lockstep.hal.pi4j.Pi4jGpio;
import org.lockstep.hal.pi4j.Pi4jPorts;

/**
 * The serial link exactly as {@code lockstep run} gets it: from {@link Pi4jPorts#serial}, opened once by its owner,
 * never started by hand. It must open the port by itself, read frames, and reopen after the pty goes away.
 */
class SupervisedSerialLinkPtyTest {
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path dir;

    private PtyPair pty;
    private Pi4jGpio gpio;
    private ScheduledExecutorService supervisor;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final List<String> disconnects = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void needsSocat() {
        PtyPair.assumeSocat();
    }

    @BeforeEach
    void start() throws Exception {
        pty = new PtyPair(dir);
        pty.start();
        gpio = Pi4jGpio.of(Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build());
        supervisor = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        supervisor.shutdownNow();
        gpio.close();
        pty.close();
    }

    private SerialLink productionLink() {
        SerialSettings settings = new SerialSettings(pty.controllerEnd().toString(), 115_200, 8,
                SerialSettings.Parity.NONE, 1, LineProtocol.NAME);
        SerialLink link = new Pi4jPorts(gpio, MonotonicClock.system(), supervisor).serial("det-1.serial", settings);
        link.setListener(new SerialLink.Listener() {
            @Override
            public void onBytes(String linkId, byte[] bytes, long atMs) {
                received.add(bytes);
            }

            @Override
            public void onDisconnected(String linkId, String detail, long atMs) {
                disconnects.add(detail);
            }
        });
        return link;
    }

    private void sendHeartbeat(int seq) throws Exception {
        try (OutputStream detector = Files.newOutputStream(pty.detectorEnd(), StandardOpenOption.WRITE)) {
            detector.write(LineFrameEncoder.heartbeat(seq, "lane-1"));
            detector.flush();
        }
    }

    @Test
    void openAloneOpensThePortAndBytesArrive() throws Exception {
        SerialLink link = productionLink();
        try {
            link.open();

            Conditions.await("the port opened by the supervisor", WAIT_MS, link::isOpen);
            sendHeartbeat(1);
            Conditions.await("a heartbeat read", WAIT_MS, () -> !received.isEmpty());
        } finally {
            link.close();
        }
        assertFalse(link.isOpen());
    }

    @Test
    void thePtyGoneAndBackIsOneDisconnectAndAReopen() throws Exception {
        SerialLink link = productionLink();
        try {
            link.open();
            Conditions.await("open", WAIT_MS, link::isOpen);

            pty.kill();
            Conditions.await("disconnect reported", WAIT_MS, () -> !disconnects.isEmpty());
            pty.start();
            // Backoff.DEFAULT decides how soon: the wait covers its first steps.
            Conditions.await("reopened", WAIT_MS, link::isOpen);
            sendHeartbeat(0);
            Conditions.await("a heartbeat after the reopen", WAIT_MS, () -> !received.isEmpty());
            assertTrue(disconnects.size() == 1, "disconnects " + disconnects);
        } finally {
            link.close();
        }
    }
}
