package org.lockstep.bench;

import java.util.OptionalLong;
import java.util.function.Consumer;

import org.lockstep.controller.shell.ControllerDevices;
import org.lockstep.controller.shell.Inbox;
import org.lockstep.hal.device.DeviceSignal;

/** Every call to the real devices; a subclass adds a stamp. */
class Delegating implements ControllerDevices {
    private final ControllerDevices real;

    Delegating(ControllerDevices real) {
        this.real = real;
    }

    @Override
    public void attach(Consumer<DeviceSignal> sink, Inbox inbox) {
        real.attach(sink, inbox);
    }

    @Override
    public void driveAllSafe() {
        real.driveAllSafe();
    }

    @Override
    public void driveLock(String doorId, boolean lock) {
        real.driveLock(doorId, lock);
    }

    @Override
    public void start(long nowMs) {
        real.start(nowMs);
    }

    @Override
    public void onEdge(String inputId, boolean high, long atMs) {
        real.onEdge(inputId, high, atMs);
    }

    @Override
    public void onSerialBytes(String linkId, byte[] bytes, long atMs) {
        real.onSerialBytes(linkId, bytes, atMs);
    }

    @Override
    public void onSerialDisconnected(String linkId, String detail, long atMs) {
        real.onSerialDisconnected(linkId, detail, atMs);
    }

    @Override
    public void poll(long nowMs) {
        real.poll(nowMs);
    }

    @Override
    public OptionalLong nextDeadlineMs() {
        return real.nextDeadlineMs();
    }

    @Override
    public void close() {
        real.close();
    }
}
