package org.lockstep.hal.device;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A lock's bolt monitor (a switch in the strike that closes when the bolt is thrown into it), reported as
 * {@link DeviceSignal.BoltChanged}. Leading-edge debounced like {@link DoorContact}: a bolt that drops out of a
 * locked door is reported on its first edge.
 */
public final class BoltMonitor implements InputDevice {
    private final String doorId;
    private final InputWiring wiring;
    private final Consumer<DeviceSignal> sink;
    private final LeadingEdgeFilter filter;

    public BoltMonitor(String doorId, InputWiring wiring, Consumer<DeviceSignal> sink) {
        this.doorId = Objects.requireNonNull(doorId, "doorId");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.filter = new LeadingEdgeFilter(wiring.debounceMs(),
                (thrown, atMs) -> sink.accept(new DeviceSignal.BoltChanged(doorId, thrown, atMs)));
    }

    @Override
    public String deviceId() {
        return doorId;
    }

    /** Reports the bolt's initial position. */
    @Override
    public void start(boolean level, long nowMs) {
        boolean thrown = wiring.isActive(level);
        filter.start(thrown, nowMs);
        sink.accept(new DeviceSignal.BoltChanged(doorId, thrown, nowMs));
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
    public boolean isThrown() {
        return filter.active();
    }
}
