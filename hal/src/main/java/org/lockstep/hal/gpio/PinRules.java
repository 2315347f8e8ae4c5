package org.lockstep.hal.gpio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a controller's pin map before anything moves: every pin exists on the board, no pin is claimed twice, and
 * no pin belongs to something else (the HAT ID EEPROM, the on-board UART a detector uses, I2C or SPI when enabled).
 * Returns every problem at once, each a sentence naming the owner and the pin, so one run of {@code check-config}
 * shows them all.
 */
public final class PinRules {
    /** BCM 0/1 (ID_SD/ID_SC) are read by the firmware at boot to identify a HAT; never for general use. */
    public static final Set<Integer> ID_EEPROM_PINS = Set.of(0, 1);
    /** BCM 14/15: TXD/RXD of the header UART ({@code /dev/serial0}, {@code /dev/ttyAMA0}, {@code /dev/ttyS0}). */
    public static final Set<Integer> UART_PINS = Set.of(14, 15);
    /** BCM 2/3: SDA/SCL of I2C bus 1 (they also carry fixed 1.8 kOhm pull-ups to 3.3 V). */
    public static final Set<Integer> I2C_PINS = Set.of(2, 3);
    /** BCM 7..11: SPI0 CE1, CE0, MISO, MOSI, SCLK. */
    public static final Set<Integer> SPI_PINS = Set.of(7, 8, 9, 10, 11);

    private static final List<String> HEADER_UART_PATHS = List.of("/dev/serial0", "/dev/ttyAMA0", "/dev/ttyS0");

    /**
     * The buses enabled on this controller.
     *
     * @param serialPorts device paths of serial detectors; those on the header UART reserve BCM 14/15
     */
    public record Buses(List<String> serialPorts, boolean i2c, boolean spi) {
        public static final Buses NONE = new Buses(List.of(), false, false);

        public Buses {
            serialPorts = List.copyOf(Objects.requireNonNull(serialPorts, "serialPorts"));
        }
    }

    private PinRules() {}

    /** Whether {@code path} is the header UART on BCM 14/15 (USB adapters use no header pins). */
    public static boolean usesHeaderUart(String path) {
        return HEADER_UART_PATHS.contains(path);
    }

    /** @return every problem found, empty if the map is good */
    public static List<String> check(Board board, List<PinUse> uses, Buses buses) {
        Objects.requireNonNull(board, "board");
        List<String> problems = new ArrayList<>();
        Map<Integer, String> firstOwner = new LinkedHashMap<>();
        String uart = buses.serialPorts().stream().filter(PinRules::usesHeaderUart).findFirst().orElse(null);
        for (PinUse use : uses) {
            int bcm = use.bcm();
            String who = use.owner() + " on BCM " + bcm;
            if (!board.isValidBcm(bcm)) {
                problems.add(who + ": no such pin; " + board + " header GPIOs are BCM " + board.minBcm() + ".."
                        + board.maxBcm() + " (BCM numbers, not physical pin numbers)");
                continue;
            }
            String previous = firstOwner.putIfAbsent(bcm, use.owner());
            if (previous != null) {
                problems.add(who + ": already used by " + previous + "; each pin can serve one device");
            }
            if (ID_EEPROM_PINS.contains(bcm)) {
                problems.add(who + ": reserved for the HAT ID EEPROM (ID_SD/ID_SC), read by the firmware at boot");
            }
            if (uart != null && UART_PINS.contains(bcm)) {
                problems.add(who + ": reserved for the detector's serial port " + uart + " (UART TXD/RXD)");
            }
            if (buses.i2c() && I2C_PINS.contains(bcm)) {
                problems.add(who + ": reserved for I2C (SDA/SCL), which this controller enables");
            }
            if (buses.spi() && SPI_PINS.contains(bcm)) {
                problems.add(who + ": reserved for SPI0, which this controller enables");
            }
        }
        return List.copyOf(problems);
    }
}
