package org.lockstep.hal.detector;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.device.DeviceSignal;
import org.lockstep.hal.device.DeviceSignal.DeviceFaulted;
import org.lockstep.hal.device.DeviceSignal.DeviceRecovered;
import org.lockstep.hal.device.DeviceSignal.WeaponDetected;

class WeaponDetectorDriverTest {
    private final List<DeviceSignal> signals = new ArrayList<>();
    private final LineFrameEncoder detector = new LineFrameEncoder("lane-1");
    private final WeaponDetectorDriver driver =
            new WeaponDetectorDriver("det-main", "Main entrance", new LineFrameDecoder(), 5_000, signals::add);

    @Test
    void aDetectionFrameBecomesWeaponDetectedWithWhereItHappened() {
        driver.start(0);

        driver.onBytes(detector.detection(72, "lane 1"), 1_200);

        assertEquals(List.of(new WeaponDetected("det-main", "lane-1", 72, "Main entrance / lane 1", 1_200)), signals);
    }

    @Test
    void silenceRaisesOneFaultAtTheTimeoutAndTheNextFrameRecovers() {
        driver.start(0);
        driver.onBytes(detector.heartbeat(), 1_000);
        assertEquals(OptionalLong.of(6_000), driver.nextDeadlineMs());

        driver.poll(5_999);
        assertTrue(signals.isEmpty());
        driver.poll(6_000);
        driver.poll(9_000);
        driver.poll(60_000);

        assertEquals(List.of(new DeviceFaulted("det-main", "detector offline: no heartbeat for 5000 ms", 6_000)),
                signals);
        assertFalse(driver.isOnline());
        assertEquals(OptionalLong.empty(), driver.nextDeadlineMs());

        driver.onBytes(detector.heartbeat(), 61_000);

        assertEquals(new DeviceRecovered("det-main", 61_000), signals.get(1));
        assertEquals(OptionalLong.of(66_000), driver.nextDeadlineMs());
    }

    @Test
    void aDetectorThatNeverSpeaksIsOfflineOneTimeoutAfterStart() {
        driver.start(100);

        driver.poll(5_100);

        assertEquals(1, signals.size());
        assertTrue(signals.get(0) instanceof DeviceFaulted);
    }

    @Test
    void garbageKeepsNoDetectorAlive() {
        driver.start(0);
        for (long t = 1_000; t <= 5_000; t += 1_000) {
            driver.onBytes("$LSD,1,lane-1,DET,99,Lobby*0000\n junk \u0000\n".getBytes(US_ASCII), t);
        }

        driver.poll(5_000);

        assertEquals(List.of(new DeviceFaulted("det-main", "detector offline: no heartbeat for 5000 ms", 5_000)),
                signals);
        assertEquals(5, driver.counters().rejected(Rejection.BAD_CHECKSUM));
        assertEquals(5, driver.counters().rejected(Rejection.GARBAGE));
    }

    @Test
    void aLostLinkFaultsAtOnceAndOnlyOnce() {
        driver.start(0);
        driver.onBytes(detector.heartbeat(), 10);

        driver.onLinkLost("port disconnected", 20);
        driver.poll(10_000);
        driver.onLinkLost("port disconnected", 30);

        assertEquals(List.of(new DeviceFaulted("det-main", "detector link lost: port disconnected", 20)), signals);
    }

    @Test
    void aRecoveringDetectorsFirstFrameMayBeADetection() {
        driver.start(0);
        driver.poll(5_000);

        driver.onBytes(detector.detection(90, "lane 1"), 7_000);

        assertEquals(3, signals.size());
        assertTrue(signals.get(1) instanceof DeviceRecovered);
        assertTrue(signals.get(2) instanceof WeaponDetected);
    }

    @Test
    void usingItBeforeStartIsAProgrammerError() {
        assertThrows(IllegalStateException.class, () -> driver.poll(0));
    }

    @Test
    void theTimeoutIsBounded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeaponDetectorDriver("d", "x", new LineFrameDecoder(), 50, s -> {}));
        assertTrue(e.getMessage().startsWith("heartbeatTimeoutMs"));
    }
}
