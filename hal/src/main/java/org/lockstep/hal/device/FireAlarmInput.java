package org.lockstep.hal.device;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The fire-alarm panel's dry contact, reported as {@link DeviceSignal.FireAlarmChanged}. Settling filter: a level
 * counts only once it has held for {@code debounceMs}, because a glitch on a long cable must neither release the
 * doors (where the site's policy releases them on fire) nor end that release.
 */
public final class FireAlarmInput implements InputDevice {
    private final String id;
    private final InputWiring wiring;
    private final Consumer<DeviceSignal> sink;
    private final SettlingFilter filter;

    public FireAlarmInput(String id, InputWiring wiring, Consumer<DeviceSignal> sink) {
        this.id = Objects.requireNonNull(id, "id");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.filter = new SettlingFilter(wiring.debounceMs(),
                (active, atMs) -> sink.accept(new DeviceSignal.FireAlarmChanged(id, active, atMs)));
    }

    @Override
    public String deviceId() {
        return id;
    }

    /** Reports the initial state at once: the panel's contact at boot is the best knowledge there is. */
    @Override
    public void start(boolean level, long nowMs) {
        boolean active = wiring.isActive(level);
        filter.start(active, nowMs);
        sink.accept(new DeviceSignal.FireAlarmChanged(id, active, nowMs));
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

    /** The settled state last reported. */
    public boolean isActive() {
        return filter.active();
    }
}
