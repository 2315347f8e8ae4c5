package org.lockstep.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.SerialLink;
import org.lockstep.hal.SerialSettings;
import org.lockstep.hal.detector.DetectorMessage;
import org.lockstep.hal.detector.LineFrameDecoder;
import org.lockstep.hal.detector.LineFrameEncoder;
import org.lockstep.hal.detector.LineProtocol;

/**
 * The real jSerialComm driver on a real pty pair: a simulated detector writes frames into one end, the controller
 * reads the other. Every wait is a condition with a deadline.
 */
class JSerialCommLinkPtyTest {
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path dir;

    private PtyPair pty;
    private final MonotonicClock clock = MonotonicClock.system();
    private final LineFrameDecoder decoder = new LineFrameDecoder();
    private final List<Integer> seqs = new CopyOnWriteArrayList<>();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final List<String> disconnectDetails = new CopyOnWriteArrayList<>();
    private final SerialLink.Listener listener = new SerialLink.Listener() {
        @Override
        public void onBytes(String linkId, byte[] bytes, long atMs) {
            synchronized (decoder) {
                for (DetectorMessage m : decoder.feed(bytes, atMs)) {
                    if (m instanceof DetectorMessage.Frame f) {
                        seqs.add(f.seq());
                    }
                }
            }
        }

        @Override
        public void onDisconnected(String linkId, String detail, long atMs) {
            disconnects.incrementAndGet();
            disconnectDetails.add(detail);
            synchronized (decoder) {
                decoder.reset(atMs);
            }
        }
    };

    @BeforeAll
    static void needsSocat() {
        PtyPair.assumeSocat();
    }

    @BeforeEach
    void startPty() throws Exception {
        pty = new PtyPair(dir);
        pty.start();
    }

    @AfterEach
    void stopPty() throws Exception {
        pty.close();
    }

    private SerialSettings settings() {
        return new SerialSettings(pty.controllerEnd().toString(), 115_200, 8, SerialSettings.Parity.NONE, 1,
                LineProtocol.NAME);
    }

    private static void send(OutputStream detector, byte[]... frames) throws IOException {
        for (byte[] f : frames) {
            detector.write(f);
        }
        detector.flush();
    }

    @Test
    void framesWrittenToOneEndAreReadThroughJSerialCommOnTheOther() throws Exception {
        LineFrameEncoder encoder = new LineFrameEncoder("lane-1");
        try (JSerialCommLink link = new JSerialCommLink("det-1.serial", settings(), clock);
                OutputStream detector = Files.newOutputStream(pty.detectorEnd(), StandardOpenOption.WRITE)) {
            link.setListener(listener);
            link.open();
            assertTrue(link.isOpen());

            send(detector, encoder.heartbeat(), "garbage\n".getBytes(), encoder.detection(88, "Front door"));
            for (int i = 0; i < 50; i++) {
                send(detector, encoder.heartbeat());
            }

            Conditions.await("52 frames", WAIT_MS, () -> seqs.size() == 52);
            assertEquals(0, seqs.get(0));
            assertEquals(51, seqs.get(51), "seq 0, then 1..51");
        }
    }

    @Test
    void closeIsIdempotentAndReleasesThePortForAReopen() throws Exception {
        JSerialCommLink link = new JSerialCommLink("det-1.serial", settings(), clock);
        link.setListener(listener);
        link.open();
        link.close();
        link.close();
        assertFalse(link.isOpen());

        link.open();
        try (OutputStream detector = Files.newOutputStream(pty.detectorEnd(), StandardOpenOption.WRITE)) {
            send(detector, LineFrameEncoder.heartbeat(7, "lane-1"));
            Conditions.await("a frame after reopen", WAIT_MS, () -> seqs.contains(7));
        } finally {
            link.close();
        }
        assertEquals(0, disconnects.get(), "an owner's close is not a disconnect");
    }

    @Test
    void aMissingPortIsARetryableHardwareErrorNamingThePath() {
        SerialSettings absent = new SerialSettings(dir.resolve("nope").toString(), 9_600, 8,
                SerialSettings.Parity.NONE, 1, LineProtocol.NAME);
        JSerialCommLink link = new JSerialCommLink("det-2.serial", absent, clock);

        HardwareException e = assertThrows(HardwareException.class, link::open);

        assertEquals("det-2.serial", e.deviceId());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains(dir.resolve("nope").toString()), e.getMessage());
        link.close();
    }

    @Test
    void killingSocatIsOneDisconnectAndRestartingItIsReconnectedTo() throws Exception {
        JSerialCommLink link = new JSerialCommLink("det-1.serial", settings(), clock);
        ReconnectingSerialLink reconnecting = new ReconnectingSerialLink(link, new Backoff(50, 400), 0, listener);
        ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor();
        try {
            reconnecting.start(clock.nowMs());
            reconnecting.superviseOn(supervisor, clock, 10);
            assertEquals(ReconnectingSerialLink.State.OPEN, reconnecting.state());
            try (OutputStream detector = Files.newOutputStream(pty.detectorEnd(), StandardOpenOption.WRITE)) {
                send(detector, LineFrameEncoder.heartbeat(1, "lane-1"));
                Conditions.await("first frame", WAIT_MS, () -> seqs.contains(1));
            }

            pty.kill();
            Conditions.await("disconnect reported", WAIT_MS, () -> disconnects.get() >= 1);
            assertFalse(link.isOpen(), "the port is closed before the disconnect is reported");

            pty.start();
            Conditions.await("reconnected", WAIT_MS, () -> reconnecting.reconnects() == 1
                    && reconnecting.state() == ReconnectingSerialLink.State.OPEN);
            try (OutputStream detector = Files.newOutputStream(pty.detectorEnd(), StandardOpenOption.WRITE)) {
                send(detector, LineFrameEncoder.heartbeat(0, "lane-1"), LineFrameEncoder.heartbeat(1, "lane-1"));
                Conditions.await("frames after reconnect", WAIT_MS, () -> seqs.size() == 3);
            }

            // By now the old port's disconnect storm, had it not been stopped, would have reported many times.
            assertEquals(1, disconnects.get(), "disconnects " + disconnectDetails);
            assertEquals(List.of(1, 0, 1), seqs);
        } finally {
            supervisor.shutdownNow();
            reconnecting.close();
        }
        assertFalse(link.isOpen());
    }
}
