package org.lockstep.controller.config;

import org.lockstep.hal.gpio.Board;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.RelayWiring;
import org.lockstep.hal.gpio.BootConfig;
import org.lockstep.hal.gpio.BootDefaults;
import org.lockstep.hal.gpio.PinRules;

/**
 * Who uses which GPIO pin and serial port on each controller. Claims are collected while the file is read and
 * checked at the end, so a clash is reported at the later line and names the earlier field, whatever order the
 * sections were written in.
 */
final class PinMap {
    /** The on-board UART (see {@link PinRules#usesHeaderUart}) owns GPIO 14 (TXD) and 15 (RXD) while in use. */
    static final int UART_TXD = 14;
    static final int UART_RXD = 15;

    private record PinClaim(String controller, int pin, YamlCursor at) {}

    private record PortClaim(String controller, String port, YamlCursor at) {}

    private record RelayClaim(String controller, RelayWiring relay, YamlCursor at) {}

    private final List<PinClaim> pins = new ArrayList<>();
    private final List<RelayClaim> relays = new ArrayList<>();
    private final List<PortClaim> ports = new ArrayList<>();

    void claimPin(String controller, int pin, YamlCursor at) {
        pins.add(new PinClaim(controller, pin, at));
    }

    /** A lock relay, checked against the pin's boot-time pull: the lock must not blip open while the Pi boots. */
    void claimRelay(String controller, RelayWiring relay, YamlCursor at) {
        relays.add(new RelayClaim(controller, relay, at));
    }

    void claimPort(String controller, String port, YamlCursor at) {
        ports.add(new PortClaim(controller, port, at));
    }

    /** @param boards controller id → board; a claim on an unknown controller (reported elsewhere) is range-checked as a Pi 4 */
    void check(Map<String, Board> boards) {
        pins.sort(Comparator.comparingInt(c -> c.at().line()));
        ports.sort(Comparator.comparingInt(c -> c.at().line()));

        Map<String, PortClaim> uartUsers = new HashMap<>();
        Map<String, PortClaim> portUsers = new HashMap<>();
        for (PortClaim p : ports) {
            PortClaim first = portUsers.putIfAbsent(p.controller() + " " + p.port(), p);
            if (first != null) {
                p.at().error("serial port " + p.port() + " is already used by " + first.at().where()
                        + " on controller " + p.controller());
            }
            if (PinRules.usesHeaderUart(p.port())) {
                uartUsers.putIfAbsent(p.controller(), p);
            }
        }

        Map<String, PinClaim> pinUsers = new HashMap<>();
        for (PinClaim c : pins) {
            Board board = boards.getOrDefault(c.controller(), Board.PI4);
            if (c.pin() < 0 || c.pin() > board.maxBcm()) {
                c.at().error("expected a BCM GPIO number 0.." + board.maxBcm() + " on " + YamlCursor.yamlName(board)
                        + " (the GPIO number, not the header pin number); found " + c.pin());
                continue;
            }
            PinClaim first = pinUsers.putIfAbsent(c.controller() + " " + c.pin(), c);
            if (first != null) {
                c.at().error("pin " + c.pin() + " is already used by " + first.at().where() + " on controller "
                        + c.controller());
                continue;
            }
            if (PinRules.ID_EEPROM_PINS.contains(c.pin())) {
                c.at().warn("GPIO " + c.pin() + " is reserved for a HAT's ID EEPROM; it works on a bare Pi, but a HAT"
                        + " added later will fight over it");
            }
            PortClaim uart = uartUsers.get(c.controller());
            if (uart != null && (c.pin() == UART_TXD || c.pin() == UART_RXD)) {
                c.at().error("pin " + c.pin() + " is the on-board UART's " + (c.pin() == UART_TXD ? "TXD" : "RXD")
                        + ", used by " + uart.at().where() + " for " + uart.port() + " on controller " + c.controller()
                        + "; pick another pin or put the detector on a USB serial adapter");
            }
        }
        for (RelayClaim r : relays) {
            Board board = boards.getOrDefault(r.controller(), Board.PI4);
            int pin = r.relay().pin();
            if (board.isValidBcm(pin) && BootDefaults.bootLevel(board, pin) == r.relay().energisedLevel()) {
                boolean failSecure = r.relay().failMode() == FailMode.FAIL_SECURE;
                r.at().warn("GPIO " + pin + " is pulled " + (BootDefaults.bootLevel(board, pin) ? "high" : "low")
                        + " while the Pi boots, which energises this relay until Lockstep starts: the "
                        + (failSecure ? "fail-secure lock UNLOCKS" : "fail-safe lock LOCKS") + " during every boot."
                        + " Use a pin pulled the other way (BCM 0-8 high, 9-27 low), or hold it with the config.txt"
                        + " line 'lockstep run --controller " + r.controller() + " --boot-config' prints (" + BootConfig.line(pin, r.relay().deEnergisedLevel())
                        + ")");
            }
        }
    }
}
