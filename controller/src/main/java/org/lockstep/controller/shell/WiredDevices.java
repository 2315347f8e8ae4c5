package org.lockstep.controller.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.lockstep.hal.DigitalInput;
import org.lockstep.hal.DigitalOutput;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.device.DeviceSignal;
import org.lockstep.hal.device.InputDevice;
import org.lockstep.hal.device.LockActuator;
import org.tinylog.Logger;

/**
 * A controller's real (or simulated) devices: lock actuators by door id, and input drivers by the id of the port
 * they read. Drivers report through a forwarding sink, so they can be built before the loop that consumes them.
 */
public final class WiredDevices implements ControllerDevices {
    private final Map<String, LockActuator> locks = new LinkedHashMap<>();
    private final List<DigitalOutput> relays = new ArrayList<>();
    private final Map<String, DigitalInput> ports = new LinkedHashMap<>();
    private final Map<String, InputDevice> drivers = new LinkedHashMap<>();
    private final List<SerialDevice> serialDevices = new ArrayList<>();
    private Consumer<DeviceSignal> target = s -> {
        throw new IllegalStateException("signal before attach: " + s);
    };

    /** The sink to build input drivers with. */
    public Consumer<DeviceSignal> sink() {
        return s -> target.accept(s);
    }

    public WiredDevices lock(LockActuator lock, DigitalOutput relay) {
        locks.put(lock.doorId(), lock);
        relays.add(relay);
        return this;
    }

    public WiredDevices input(DigitalInput port, InputDevice driver) {
        if (ports.put(port.id(), port) != null) {
            throw new IllegalArgumentException("input port '" + port.id() + "' wired twice");
        }
        drivers.put(port.id(), driver);
        return this;
    }

    public WiredDevices serial(SerialDevice device) {
        serialDevices.add(device);
        return this;
    }

    @Override
    public void attach(Consumer<DeviceSignal> sink, Inbox inbox) {
        this.target = sink;
        for (DigitalInput port : ports.values()) {
            port.setListener((id, high, atMs) -> inbox.offer(new LoopInput.Edge(id, high, atMs)));
        }
        for (SerialDevice d : serialDevices) {
            d.attach(sink, inbox);
        }
    }

    @Override
    public void driveAllSafe() {
        for (LockActuator lock : locks.values()) {
            try {
                lock.driveSafeState();
            } catch (HardwareException e) {
                // Reported again as a door fault when the loop re-asserts the relays.
                Logger.error("{}: could not drive the safe state: {}", lock.doorId(), e.getMessage());
            }
        }
    }

    @Override
    public void driveLock(String doorId, boolean lock) {
        LockActuator actuator = locks.get(doorId);
        if (actuator == null) {
            throw new HardwareException(doorId, "no lock relay wired for this door");
        }
        if (lock) {
            actuator.lock();
        } else {
            actuator.unlock();
        }
    }

    @Override
    public void start(long nowMs) {
        for (Map.Entry<String, InputDevice> e : drivers.entrySet()) {
            e.getValue().start(ports.get(e.getKey()).isHigh(), nowMs);
        }
        for (SerialDevice d : serialDevices) {
            d.start(nowMs);
        }
    }

    @Override
    public void onEdge(String inputId, boolean high, long atMs) {
        InputDevice driver = drivers.get(inputId);
        if (driver == null) {
            Logger.warn("edge from unwired input '{}' ignored", inputId);
            return;
        }
        driver.onEdge(high, atMs);
    }

    @Override
    public void onSerialBytes(String linkId, byte[] bytes, long atMs) {
        for (SerialDevice d : serialDevices) {
            if (d.linkId().equals(linkId)) {
                d.onBytes(bytes, atMs);
            }
        }
    }

    @Override
    public void onSerialDisconnected(String linkId, String detail, long atMs) {
        for (SerialDevice d : serialDevices) {
            if (d.linkId().equals(linkId)) {
                d.onDisconnected(detail, atMs);
            }
        }
    }

    @Override
    public void poll(long nowMs) {
        for (InputDevice d : drivers.values()) {
            OptionalLong due = d.nextDeadlineMs();
            if (due.isPresent() && due.getAsLong() <= nowMs) {
                d.poll(nowMs);
            }
        }
        for (SerialDevice d : serialDevices) {
            d.poll(nowMs);
        }
    }

    @Override
    public OptionalLong nextDeadlineMs() {
        long next = Long.MAX_VALUE;
        for (InputDevice d : drivers.values()) {
            OptionalLong due = d.nextDeadlineMs();
            if (due.isPresent()) {
                next = Math.min(next, due.getAsLong());
            }
        }
        for (SerialDevice d : serialDevices) {
            OptionalLong due = d.nextDeadlineMs();
            if (due.isPresent()) {
                next = Math.min(next, due.getAsLong());
            }
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    @Override
    public void close() {
        for (DigitalInput port : ports.values()) {
            port.close();
        }
        for (SerialDevice d : serialDevices) {
            d.close();
        }
        // Relays last: an orderly shutdown leaves each at its configured shutdown level.
        for (DigitalOutput relay : relays) {
            try {
                relay.close();
            } catch (HardwareException e) {
                Logger.error("{}: close failed: {}", relay.id(), e.getMessage());
            }
        }
    }

    /** A device on a serial link (a weapon detector): bytes in, signals out, heartbeats on time. */
    public interface SerialDevice {
        String linkId();

        void attach(Consumer<DeviceSignal> sink, Inbox inbox);

        void start(long nowMs);

        void onBytes(byte[] bytes, long atMs);

        void onDisconnected(String detail, long atMs);

        void poll(long nowMs);

        OptionalLong nextDeadlineMs();

        void close();
    }
}
