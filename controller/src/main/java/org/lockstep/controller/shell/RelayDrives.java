package org.lockstep.controller.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.lockstep.controller.core.Event;
import org.tinylog.Logger;

/**
 * The loop's lock-relay writes. A write that throws anything (a {@code HardwareException}, or a driver bug) is never
 * swallowed: the door shows FAULT, an alert names it, and the write is tried again every
 * {@link ControllerLoop#RELAY_RETRY_MS} until it works ({@code DeviceRecovered}). Loop thread only.
 */
final class RelayDrives {
    private final String controllerId;
    private final ControllerDevices devices;
    /** Whether the core already knows the door's relay as faulted (e.g. replayed from the journal after a restart). */
    private final Predicate<String> knownFault;
    private final Consumer<Event> raise;
    /** Door id → the lock state whose write failed, in the order they failed. */
    private final Map<String, Boolean> failed = new LinkedHashMap<>();
    private long retryAtMs = Long.MAX_VALUE;

    RelayDrives(String controllerId, ControllerDevices devices, Predicate<String> knownFault, Consumer<Event> raise) {
        this.controllerId = controllerId;
        this.devices = devices;
        this.knownFault = knownFault;
        this.raise = raise;
    }

    void drive(String doorId, boolean lock, long nowMs) {
        boolean wasFailing = failed.remove(doorId) != null || knownFault.test(doorId);
        try {
            devices.driveLock(doorId, lock);
            if (wasFailing) {
                Logger.info("{}: relay of {} works again", controllerId, doorId);
                raise.accept(new Event.DeviceRecovered(doorId));
            }
        } catch (RuntimeException ex) {
            failed.put(doorId, lock);
            retryAtMs = Math.min(retryAtMs, nowMs + ControllerLoop.RELAY_RETRY_MS);
            if (!wasFailing) {
                Logger.error("{}: {} {} failed: {}", controllerId, lock ? "lock" : "unlock", doorId, ex.getMessage());
                raise.accept(new Event.DeviceFaulted(doorId, ControllerLoop.RELAY_FAULT + ex.getMessage()));
            }
        }
    }

    /** Tries every failed write again if the retry is due; true if it was. */
    boolean retryIfDue(long nowMs) {
        if (nowMs < retryAtMs) {
            return false;
        }
        retryAtMs = Long.MAX_VALUE;
        for (var e : new ArrayList<>(failed.entrySet())) {
            drive(e.getKey(), e.getValue(), nowMs);
        }
        return true;
    }

    OptionalLong nextRetryMs() {
        return retryAtMs == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(retryAtMs);
    }

    Set<String> failing() {
        return Set.copyOf(failed.keySet());
    }
}
