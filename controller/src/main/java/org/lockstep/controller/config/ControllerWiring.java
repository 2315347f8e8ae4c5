package org.lockstep.controller.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.lockstep.controller.core.Ids;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.gpio.Board;

/**
 * Everything wired to one controller, keyed by device id in site-file order. The loader has already checked that no
 * pin is used twice here.
 *
 * @param relayShutdown what an orderly stop ({@code systemctl stop}) leaves on the lock relays
 * @param gpioChip the GPIO character device (gpiochip0 on a Pi 4 and on a Pi 5 with kernel 6.6.45 or later; older
 *     Pi 5 kernels name it gpiochip4)
 */
public record ControllerWiring(String controllerId, Board board, String gpioChip, RelayShutdown relayShutdown,
        Map<String, DoorWiring> doors, Map<String, ButtonWiring> panicButtons, Map<String, InputWiring> fireAlarms,
        Map<String, DetectorWiring> detectors) {
    public ControllerWiring {
        Ids.require("controllerId", controllerId);
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(gpioChip, "gpioChip");
        Objects.requireNonNull(relayShutdown, "relayShutdown");
        doors = frozen(doors, "doors");
        panicButtons = frozen(panicButtons, "panicButtons");
        fireAlarms = frozen(fireAlarms, "fireAlarms");
        detectors = frozen(detectors, "detectors");
    }

    /** An unmodifiable copy that keeps the file's order (Map.copyOf would not). */
    private static <V> Map<String, V> frozen(Map<String, V> map, String field) {
        Objects.requireNonNull(map, field);
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
