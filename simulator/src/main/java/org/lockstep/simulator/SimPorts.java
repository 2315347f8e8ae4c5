package org.lockstep.simulator;

import org.lockstep.controller.core.Site;
import org.lockstep.hal.DigitalInput;
import org.lockstep.hal.DigitalOutput;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.PortFactory;
import org.lockstep.hal.SerialLink;
import org.lockstep.hal.SerialSettings;
import org.lockstep.sim.SimBuilding;

/**
 * Ports from the simulated building, found by the port ids {@link org.lockstep.controller.shell.DeviceAssembly}
 * asks for ({@code <device>.<part>}). Pin numbers mean nothing to the simulator: the building is built from the same
 * site file, so every device is already wired to the right controller.
 */
final class SimPorts implements PortFactory {
    private final SimBuilding building;
    private final Site site;

    SimPorts(SimBuilding building, Site site) {
        this.building = building;
        this.site = site;
    }

    @Override
    public DigitalOutput output(String id, int pin, boolean initialHigh, Boolean shutdownHigh) {
        String device = device(id);
        return switch (part(id)) {
            case "relay" -> building.relay(device);
            default -> throw new IllegalArgumentException("the simulated building has no output " + id);
        };
    }

    @Override
    public DigitalInput input(String id, InputWiring wiring) {
        String device = device(id);
        return switch (part(id)) {
            case "contact" -> building.contact(device);
            case "bolt" -> building.bolt(device).orElseThrow(
                    () -> new IllegalArgumentException("door " + device + " has no simulated bolt monitor"));
            case "input" -> site.panicButton(device).isPresent() ? building.panicInput(device)
                    : site.detector(device).isPresent() ? building.detectorInput(device)
                    : building.fireInput(device);
            default -> throw new IllegalArgumentException("the simulated building has no input " + id);
        };
    }

    @Override
    public SerialLink serial(String id, SerialSettings settings) {
        return building.serialLink(device(id));
    }

    private static String device(String portId) {
        return portId.substring(0, portId.lastIndexOf('.'));
    }

    private static String part(String portId) {
        return portId.substring(portId.lastIndexOf('.') + 1);
    }
}
