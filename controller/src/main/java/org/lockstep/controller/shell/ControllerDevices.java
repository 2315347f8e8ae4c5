package org.lockstep.controller.shell;

import java.util.OptionalLong;
import java.util.function.Consumer;

import org.lockstep.hal.HardwareException;
import org.lockstep.hal.device.DeviceSignal;

/**
 * A controller's hardware as the loop uses it: lock relays to drive, and input drivers to feed edges and time.
 * Everything here runs on the loop thread.
 */
public interface ControllerDevices extends AutoCloseable {
    /**
     * Set once, before {@link #start(long)}: where the input drivers report, and the inbox the ports' listeners hand
     * their edges and bytes to (on the hardware's threads).
     */
    void attach(Consumer<DeviceSignal> sink, Inbox inbox);

    /** De-energises every relay: the state a power cut leaves them in. Done before anything else at start. */
    void driveAllSafe();

    /** @throws HardwareException if the relay refused; the loop turns it into a fault on the door */
    void driveLock(String doorId, boolean lock);

    /** Reads every input's level and reports the initial states. */
    void start(long nowMs);

    void onEdge(String inputId, boolean high, long atMs);

    void onSerialBytes(String linkId, byte[] bytes, long atMs);

    void onSerialDisconnected(String linkId, String detail, long atMs);

    /** Lets every driver act on the time (debounce windows, hold timers, heartbeat timeouts). */
    void poll(long nowMs);

    OptionalLong nextDeadlineMs();

    @Override
    void close();

    /** No hardware at all (a controller with nothing wired, and tests of the loop alone). */
    ControllerDevices NONE = new ControllerDevices() {
        @Override
        public void attach(Consumer<DeviceSignal> sink, Inbox inbox) {}

        @Override
        public void driveAllSafe() {}

        @Override
        public void driveLock(String doorId, boolean lock) {}

        @Override
        public void start(long nowMs) {}

        @Override
        public void onEdge(String inputId, boolean high, long atMs) {}

        @Override
        public void onSerialBytes(String linkId, byte[] bytes, long atMs) {}

        @Override
        public void onSerialDisconnected(String linkId, String detail, long atMs) {}

        @Override
        public void poll(long nowMs) {}

        @Override
        public OptionalLong nextDeadlineMs() {
            return OptionalLong.empty();
        }

        @Override
        public void close() {}
    };
}
