package org.lockstep.hal.device;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A door's position switch (a reed switch), reported as {@link DeviceSignal.ContactChanged}. Leading-edge
 * debounced: an opening is reported on its first edge, and the bounce that follows is swallowed.
 */
public final class DoorContact implements InputDevice {
    private final String doorId;
    private final InputWiring wiring;
    private final Consumer<DeviceSignal> sink;
    private final LeadingEdgeFilter filter;

    public DoorContact(String doorId, InputWiring wiring, Consumer<DeviceSignal> sink) {
        this.doorId = Objects.requireNonNull(doorId, "doorId");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.filter = new LeadingEdgeFilter(wiring.debounceMs(),
                (open, atMs) -> sink.accept(new DeviceSignal.ContactChanged(doorId, open, atMs)));
    }

    @Override
    public String deviceId() {
        return doorId;
    }

    /** Reports the door's initial position. */
    @Override
    public void start(boolean level, long nowMs) {
        boolean open = wiring.isActive(level);
        filter.start(open, nowMs);
        sink.accept(new DeviceSignal.ContactChanged(doorId, open, nowMs));
    }

    @Override
    public void onEdge(boolean level, long atMs) {
        filter.onLevel(wiring.isActive(level), atMs);
    }

    @Override
    public void poll(long nowMs) {
        filter.poll(nowMs);
    }

    @Override
    public OptionalLong nextDeadlineMs() {
        return filter.nextDeadlineMs();
    }

    /** The debounced position last reported. */
    public boolean isOpen() {
        return filter.active();
    }
}
