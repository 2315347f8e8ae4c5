package org.lockstep.controller.shell;

import java.util.Map;

import org.lockstep.controller.config.ButtonWiring;
import org.lockstep.controller.config.ControllerWiring;
import org.lockstep.controller.config.DetectorWiring;
import org.lockstep.controller.config.DoorWiring;
import org.lockstep.controller.core.DetectorSpec;
import org.lockstep.controller.core.Site;
import org.lockstep.hal.DigitalInput;
import org.lockstep.hal.DigitalOutput;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.PortFactory;
import org.lockstep.hal.device.BoltMonitor;
import org.lockstep.hal.device.DoorContact;
import org.lockstep.hal.device.DryContactDetector;
import org.lockstep.hal.device.FireAlarmInput;
import org.lockstep.hal.device.LockActuator;
import org.lockstep.hal.device.PanicButton;

/**
 * Builds one controller's devices from its wiring, over whatever ports the factory makes (Pi4J, or the simulated
 * building). Port ids are {@code <device>.<part>}: {@code c101.relay}, {@code c101.contact}, {@code c101.bolt},
 * {@code panic-office.input}, {@code wd-gym.input}, {@code wd-main.serial}.
 */
public final class DeviceAssembly {
    private DeviceAssembly() {}

    /** Port id of a device's part. */
    public static String portId(String deviceId, String part) {
        return deviceId + "." + part;
    }

    public static WiredDevices assemble(Site site, ControllerWiring wiring, PortFactory ports,
            SerialDetectors serialDetectors) {
        WiredDevices devices = new WiredDevices();
        for (DoorWiring door : wiring.doors().values()) {
            boolean safe = door.relay().deEnergisedLevel();
            Boolean shutdown = switch (wiring.relayShutdown()) {
                case DE_ENERGISE -> safe;
                case HOLD -> null;
            };
            DigitalOutput relay = ports.output(portId(door.doorId(), "relay"), door.relay().pin(), safe, shutdown);
            devices.lock(new LockActuator(door.doorId(), relay, door.relay()), relay);
            devices.input(input(ports, door.doorId(), "contact", door.contact()),
                    new DoorContact(door.doorId(), door.contact(), devices.sink()));
            door.bolt().ifPresent(bolt -> devices.input(input(ports, door.doorId(), "bolt", bolt),
                    new BoltMonitor(door.doorId(), bolt, devices.sink())));
        }
        for (Map.Entry<String, ButtonWiring> b : wiring.panicButtons().entrySet()) {
            devices.input(input(ports, b.getKey(), "input", b.getValue().input()),
                    new PanicButton(b.getKey(), b.getValue().input(), b.getValue().guard(), devices.sink()));
        }
        for (Map.Entry<String, InputWiring> f : wiring.fireAlarms().entrySet()) {
            devices.input(input(ports, f.getKey(), "input", f.getValue()),
                    new FireAlarmInput(f.getKey(), f.getValue(), devices.sink()));
        }
        for (Map.Entry<String, DetectorWiring> d : wiring.detectors().entrySet()) {
            DetectorSpec spec = site.detector(d.getKey()).orElseThrow();
            switch (d.getValue()) {
                case DetectorWiring.DryContact dry -> devices.input(input(ports, d.getKey(), "input", dry.input()),
                        new DryContactDetector(d.getKey(), spec.location(), dry.input(), devices.sink()));
                case DetectorWiring.Serial serial -> devices.serial(serialDetectors.create(spec,
                        ports.serial(portId(d.getKey(), "serial"), serial.settings(), silenceReopenMs(spec)), serial));
            }
        }
        return devices;
    }

    /**
     * A detector's port is reopened after twice its heartbeat timeout without a byte (at least 2 s): by then the
     * detector is reported offline, and a port left deaf by a replug comes back only by a reopen.
     */
    static long silenceReopenMs(DetectorSpec spec) {
        return Math.max(2 * spec.heartbeatTimeoutMs(), 2_000);
    }

    private static DigitalInput input(PortFactory ports, String deviceId, String part, InputWiring wiring) {
        return ports.input(portId(deviceId, part), wiring);
    }

    /** Makes the driver for a detector on a serial link (the protocol decoders live in hal). */
    @FunctionalInterface
    public interface SerialDetectors {
        WiredDevices.SerialDevice create(DetectorSpec spec, org.lockstep.hal.SerialLink link,
                DetectorWiring.Serial wiring);
    }
}
