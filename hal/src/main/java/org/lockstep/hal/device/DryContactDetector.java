package org.lockstep.hal.device;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.lockstep.hal.InputWiring;

/**
 * A weapon detector that signals through a relay contact, reported as {@link DeviceSignal.WeaponDetected} (sensor
 * {@value #SENSOR_ID}, confidence 100: a contact carries no more than yes/no). Leading-edge: a detection is reported
 * on its first edge; the detector must release before it can report again.
 *
 * <p>A contact already active when the controller starts is reported as a detection: missing a real one during a
 * reboot is worse than repeating one the core has already acted on.
 */
public final class DryContactDetector implements InputDevice {
    public static final String SENSOR_ID = "contact";
    public static final int CONFIDENCE_PCT = 100;

    private final String id;
    private final String location;
    private final InputWiring wiring;
    private final LeadingEdgeFilter filter;
    private final Consumer<DeviceSignal> sink;

    public DryContactDetector(String id, String location, InputWiring wiring, Consumer<DeviceSignal> sink) {
        this.id = Objects.requireNonNull(id, "id");
        this.location = Objects.requireNonNull(location, "location");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.filter = new LeadingEdgeFilter(wiring.debounceMs(), (active, atMs) -> {
            if (active) {
                detected(atMs);
            }
        });
    }

    @Override
    public String deviceId() {
        return id;
    }

    @Override
    public void start(boolean level, long nowMs) {
        boolean active = wiring.isActive(level);
        filter.start(active, nowMs);
        if (active) {
            detected(nowMs);
        }
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

    /** Whether the contact is (debounced) active now. */
    public boolean isActive() {
        return filter.active();
    }

    private void detected(long atMs) {
        sink.accept(new DeviceSignal.WeaponDetected(id, SENSOR_ID, CONFIDENCE_PCT, location, atMs));
    }
}
