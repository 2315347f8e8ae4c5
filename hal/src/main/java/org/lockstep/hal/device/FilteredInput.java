package org.lockstep.hal.device;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.lockstep.hal.InputWiring;

/**
 * An input device that is one debounced level turned into one kind of signal: the door contact, the bolt monitor,
 * the fire-alarm input. Each names its signal and its filter; the edge and time handling lives here once.
 */
abstract class FilteredInput implements InputDevice {
    /** Makes the signal for a debounced change. */
    interface Signals {
        DeviceSignal of(String deviceId, boolean active, long atMs);
    }

    private final String deviceId;
    private final InputWiring wiring;
    private final Consumer<DeviceSignal> sink;
    private final Signals signals;
    private final LevelFilter filter;

    FilteredInput(String deviceId, InputWiring wiring, Consumer<DeviceSignal> sink, Signals signals,
            java.util.function.BiFunction<Long, LevelFilter.Listener, LevelFilter> filter) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.filter = filter.apply(wiring.debounceMs(), (active, atMs) -> sink.accept(signals.of(deviceId, active, atMs)));
    }

    @Override
    public final String deviceId() {
        return deviceId;
    }

    /** Reports the initial state at once: the level at start is the best knowledge there is. */
    @Override
    public final void start(boolean level, long nowMs) {
        boolean active = wiring.isActive(level);
        filter.start(active, nowMs);
        sink.accept(signals.of(deviceId, active, nowMs));
    }

    @Override
    public final void onEdge(boolean level, long atMs) {
        filter.onLevel(wiring.isActive(level), atMs);
    }

    @Override
    public final void poll(long nowMs) {
        filter.poll(nowMs);
    }

    @Override
    public final OptionalLong nextDeadlineMs() {
        return filter.nextDeadlineMs();
    }

    /** The debounced state last reported. */
    final boolean active() {
        return filter.active();
    }
}
