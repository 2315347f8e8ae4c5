package org.lockstep.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.SerialLink;

/**
 * An in-memory serial link on the virtual clock. The controller's side is the {@link SerialLink} port; the device
 * side (a simulated detector, or a test) {@link #inject(byte[])}s bytes, which reach the listener synchronously if
 * the link is open, and sees what the controller writes through {@link #onWrite(Consumer)}. No protocol here.
 *
 * <p>{@link #disconnect()} is the cable pulled (the listener hears {@code onDisconnected}, and {@link #open()} fails
 * until {@link #reconnect()}). A controller power cut closes the link and forgets the listener without telling it
 * (the process that listened is gone); the restarted controller sets a listener and opens it again.
 */
public final class SimSerialLink implements SerialLink, ControllerWired {
    private static final Listener NOBODY = new Listener() {
        @Override
        public void onBytes(String linkId, byte[] bytes, long atMs) {}

        @Override
        public void onDisconnected(String linkId, String detail, long atMs) {}
    };

    private final BuildingPlan.SerialDetectorSpec spec;
    private final VirtualClock clock;
    private Listener listener = NOBODY;
    private Consumer<byte[]> deviceSide = bytes -> {};
    private boolean open;
    private boolean connected = true;
    private boolean powered = true;
    private long bytesDropped;

    public SimSerialLink(BuildingPlan.SerialDetectorSpec spec, VirtualClock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String controllerId() {
        return spec.controllerId();
    }

    @Override
    public void open() {
        if (!powered) {
            throw new HardwareException(id(), "controller unpowered (simulated)");
        }
        if (!connected) {
            throw new HardwareException(id(), "no such device (simulated disconnect)", true, null);
        }
        open = true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void write(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (!open) {
            throw new HardwareException(id(), "write on a closed link", true, null);
        }
        deviceSide.accept(bytes.clone());
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener == null ? NOBODY : listener;
    }

    @Override
    public void close() {
        open = false;
    }

    // --- the device side ---

    /**
     * The device sends bytes: delivered now if the link is open, otherwise lost (as on a real line) and counted.
     *
     * @return whether they were delivered
     */
    public boolean inject(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (!open) {
            bytesDropped += bytes.length;
            return false;
        }
        listener.onBytes(id(), bytes.clone(), clock.nowMs());
        return true;
    }

    /** Receives every write the controller makes, synchronously. */
    public void onWrite(Consumer<byte[]> deviceSide) {
        this.deviceSide = Objects.requireNonNull(deviceSide, "deviceSide");
    }

    /** The cable is pulled: an open link closes and the listener is told. */
    public void disconnect() {
        if (!connected) {
            return;
        }
        connected = false;
        if (open) {
            open = false;
            listener.onDisconnected(id(), "device disconnected (simulated)", clock.nowMs());
        }
    }

    /** The cable is back: the owner may {@link #open()} again. */
    public void reconnect() {
        connected = true;
    }

    public boolean connected() {
        return connected;
    }

    /** Bytes the device sent while the link was not open. */
    public long bytesDropped() {
        return bytesDropped;
    }

    @Override
    public void powerCut() {
        powered = false;
        open = false;
        listener = NOBODY;
    }

    @Override
    public void powerRestore() {
        powered = true;
    }
}
