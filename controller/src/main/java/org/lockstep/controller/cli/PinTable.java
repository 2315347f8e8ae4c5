package org.lockstep.controller.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.lockstep.controller.config.ButtonWiring;
import org.lockstep.controller.config.ControllerWiring;
import org.lockstep.controller.config.DetectorWiring;
import org.lockstep.controller.config.DoorWiring;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.device.RelayWiring;
import org.lockstep.hal.gpio.BootConfig;
import org.lockstep.hal.gpio.PinRules;
import org.lockstep.hal.gpio.PinUse;

/** A controller's pin map as facilities staff wire it: BCM number, header pin, what is on it and how. */
final class PinTable {
    /** 40-pin header position of each BCM GPIO (Pi 4 and Pi 5 share the header). */
    private static final int[] HEADER_PIN = {27, 28, 3, 5, 7, 29, 31, 26, 24, 21, 19, 23, 32, 33, 8, 10, 36, 11, 12,
        35, 38, 40, 15, 16, 18, 22, 37, 13};

    private record Row(int bcm, String direction, String device, String what) {}

    private PinTable() {}

    static String render(ControllerWiring w) {
        List<Row> rows = new ArrayList<>();
        for (DoorWiring d : w.doors().values()) {
            rows.add(relay(d.doorId(), d.relay()));
            rows.add(input(d.doorId() + " contact", d.contact(), "door OPEN"));
            d.bolt().ifPresent(b -> rows.add(input(d.doorId() + " bolt", b, "bolt THROWN")));
        }
        for (Map.Entry<String, ButtonWiring> b : w.panicButtons().entrySet()) {
            rows.add(input(b.getKey(), b.getValue().input(), "PRESSED, guard " + b.getValue().guard()));
        }
        for (Map.Entry<String, InputWiring> f : w.fireAlarms().entrySet()) {
            rows.add(input(f.getKey(), f.getValue(), "fire ALARM"));
        }
        List<String> serial = new ArrayList<>();
        for (Map.Entry<String, DetectorWiring> d : w.detectors().entrySet()) {
            switch (d.getValue()) {
                case DetectorWiring.DryContact dry -> rows.add(input(d.getKey(), dry.input(), "weapon DETECTED"));
                case DetectorWiring.Serial s -> serial.add(String.format("  %-16s serial %s, %d baud, %d%s%d, %s",
                        d.getKey(), s.settings().port(), s.settings().baud(), s.settings().dataBits(),
                        s.settings().parity().name().charAt(0), s.settings().stopBits(), s.settings().protocol()));
            }
        }
        rows.sort(Comparator.comparingInt(Row::bcm));
        StringBuilder out = new StringBuilder();
        out.append(String.format("Controller %s (%s, %s); on an orderly stop the relays are %s%n", w.controllerId(),
                w.board().name().toLowerCase(), w.gpioChip(), switch (w.relayShutdown()) {
                    case DE_ENERGISE -> "de-energised (as a power cut leaves them)";
                    case HOLD -> "held as last driven (relayShutdown: hold)";
                }));
        out.append(String.format("%4s %6s  %-4s %-22s %s%n", "BCM", "header", "dir", "device", "wiring"));
        for (Row r : rows) {
            out.append(String.format("%4d %6s  %-4s %-22s %s%n", r.bcm(), header(r.bcm()), r.direction(), r.device(),
                    r.what()));
        }
        if (!serial.isEmpty()) {
            out.append("Serial links:\n");
            serial.forEach(s -> out.append(s).append('\n'));
        }
        List<String> problems = PinRules.check(w.board(), rows.stream().map(r -> new PinUse(r.device(), r.bcm()))
                .toList(), new PinRules.Buses(w.detectors().values().stream()
                        .filter(DetectorWiring.Serial.class::isInstance)
                        .map(d -> ((DetectorWiring.Serial) d).settings().port()).toList(), false, false));
        BootConfig boot = BootConfig.forRelays(w.board(), relays(w));
        if (problems.isEmpty() && boot.warnings().isEmpty()) {
            out.append("Pin map OK; every relay pin's boot pull keeps its relay de-energised.\n");
        }
        problems.forEach(p -> out.append("PROBLEM: ").append(p).append('\n'));
        boot.warnings().forEach(p -> out.append("WARNING: ").append(p).append('\n'));
        return out.toString();
    }

    static Map<String, RelayWiring> relays(ControllerWiring w) {
        Map<String, RelayWiring> m = new java.util.LinkedHashMap<>();
        w.doors().values().forEach(d -> m.put(d.doorId(), d.relay()));
        return m;
    }

    static boolean hasProblems(ControllerWiring w) {
        return render(w).contains("\nPROBLEM: ");
    }

    private static String header(int bcm) {
        return bcm >= 0 && bcm < HEADER_PIN.length ? Integer.toString(HEADER_PIN[bcm]) : "-";
    }

    private static Row relay(String doorId, RelayWiring r) {
        return new Row(r.pin(), "out", doorId + " relay", "lock relay, " + (r.activeHigh() ? "active-high" : "active-low")
                + ", " + r.failMode().name().toLowerCase().replace('_', '-') + "; safe (de-energised) level "
                + (r.deEnergisedLevel() ? "high" : "low") + ", locked at " + (r.lockedLevel() ? "high" : "low"));
    }

    private static Row input(String device, InputWiring in, String active) {
        return new Row(in.pin(), "in", device, active + " when " + (in.activeHigh() ? "high" : "low") + ", pull "
                + in.pull().name().toLowerCase() + ", debounce " + in.debounceMs() + " ms");
    }
}
