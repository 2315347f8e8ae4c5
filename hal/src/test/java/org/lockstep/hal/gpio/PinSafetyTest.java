package org.lockstep.hal.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lockstep.hal.Pull;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.RelayWiring;

class PinSafetyTest {

    @Test
    void pinsZeroToEightBootPulledUpAndTheRestPulledDownOnBothBoards() {
        for (Board board : Board.values()) {
            for (int bcm = 0; bcm <= 27; bcm++) {
                assertEquals(bcm <= 8 ? Pull.UP : Pull.DOWN, BootDefaults.bootPull(board, bcm), board + " " + bcm);
            }
            assertThrows(IllegalArgumentException.class, () -> BootDefaults.bootPull(board, 28));
        }
    }

    @Test
    void eachRelayPinIsDrivenToItsDeEnergisedLevel() {
        Map<String, RelayWiring> relays = new LinkedHashMap<>();
        relays.put("door-102.lock", new RelayWiring(27, true, FailMode.FAIL_SECURE));
        relays.put("door-101.lock", new RelayWiring(17, true, FailMode.FAIL_SAFE));
        relays.put("door-103.lock", new RelayWiring(5, false, FailMode.FAIL_SECURE));

        BootConfig config = BootConfig.forRelays(Board.PI4, relays);

        List<String> gpioLines = config.lines().stream().filter(l -> l.startsWith("gpio=")).toList();
        assertEquals(List.of("gpio=5=op,dh", "gpio=17=op,dl", "gpio=27=op,dl"), gpioLines);
        assertEquals(BootConfig.HEADER, config.lines().get(0));
        assertTrue(config.lines().stream().allMatch(l -> l.startsWith("#") || l.startsWith("gpio=")),
                "config.txt takes whole-line comments only");
        assertEquals(List.of(), config.warnings(), "all three pins boot at their de-energised level");
        assertTrue(config.text().endsWith("gpio=27=op,dl\n"));
    }

    @Test
    void anActiveHighRelayOnAPulledUpPinIsWarnedAbout() {
        BootConfig config = BootConfig.forRelays(Board.PI5,
                Map.of("door-104.lock", new RelayWiring(4, true, FailMode.FAIL_SECURE)));

        assertEquals(1, config.warnings().size());
        String w = config.warnings().get(0);
        assertTrue(w.startsWith("door-104.lock on BCM 4: PI5 pulls BCM 4 high"), w);
        assertTrue(w.contains("fail-secure lock UNLOCKS") && w.contains("9-27") && w.contains("pull-down"), w);
        assertTrue(config.lines().contains("gpio=4=op,dl"), "the line is still generated: it shortens the window");
    }

    @Test
    void anActiveLowRelayOnAPulledDownPinIsWarnedAbout() {
        BootConfig config = BootConfig.forRelays(Board.PI4,
                Map.of("door-105.lock", new RelayWiring(22, false, FailMode.FAIL_SAFE)));

        assertEquals(1, config.warnings().size());
        assertTrue(config.warnings().get(0).contains("4-8"), config.warnings().get(0));
    }

    @Test
    void aGoodPinMapHasNoProblems() {
        List<PinUse> uses = List.of(new PinUse("door-101.lock", 17), new PinUse("door-101.contact", 4),
                new PinUse("panic-office", 14));

        assertEquals(List.of(), PinRules.check(Board.PI4, uses,
                new PinRules.Buses(List.of("/dev/serial/by-id/usb-FTDI-if00"), false, false)));
    }

    @Test
    void everyProblemIsReportedWithItsOwnerAndPin() {
        List<PinUse> uses = List.of(
                new PinUse("door-101.lock", 17),
                new PinUse("door-102.lock", 17),
                new PinUse("door-103.lock", 40),
                new PinUse("door-104.lock", 0),
                new PinUse("door-105.contact", 15),
                new PinUse("door-106.contact", 3),
                new PinUse("door-107.contact", 10));

        List<String> problems = PinRules.check(Board.PI4, uses,
                new PinRules.Buses(List.of("/dev/serial0"), true, true));

        assertEquals(List.of(
                "door-102.lock on BCM 17: already used by door-101.lock; each pin can serve one device",
                "door-103.lock on BCM 40: no such pin; PI4 header GPIOs are BCM 0..27 (BCM numbers, not physical "
                        + "pin numbers)",
                "door-104.lock on BCM 0: reserved for the HAT ID EEPROM (ID_SD/ID_SC), read by the firmware at boot",
                "door-105.contact on BCM 15: reserved for the detector's serial port /dev/serial0 (UART TXD/RXD)",
                "door-106.contact on BCM 3: reserved for I2C (SDA/SCL), which this controller enables",
                "door-107.contact on BCM 10: reserved for SPI0, which this controller enables"), problems);
    }

    @Test
    void theHeaderUartIsReservedOnlyWhenADetectorUsesIt() {
        List<PinUse> uses = List.of(new PinUse("door-101.contact", 14));

        assertEquals(List.of(), PinRules.check(Board.PI5, uses, PinRules.Buses.NONE));
        assertEquals(1, PinRules.check(Board.PI5, uses, new PinRules.Buses(List.of("/dev/ttyAMA0"), false, false))
                .size());
    }
}
