package org.lockstep.controller.core;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one controller's core knows. Immutable.
 *
 * @param zones every zone of the site (zones may span controllers), in site order
 * @param doors this controller's doors, aligned with {@link LockdownMachine#doors()}
 * @param activeFireAlarms fire-alarm inputs now active
 * @param faultedDevices non-door devices now faulted (detectors, buttons), with the detail
 * @param lastMs the time of the last event applied: every timer due by then has been acted on
 * @param recentReplies the last {@link LockdownMachine#RECENT_REQUESTS_MAX} request ids and their answers: requests
 *     are idempotent by id
 * @param testLocks doors locked by a lock audit (only while their zone is NORMAL)
 */
public record ControllerState(long lastMs, Map<String, ZoneMode> zones, List<DoorState> doors, Set<String> activeFireAlarms,
        Map<String, String> faultedDevices, Map<String, Command.Reply> recentReplies, Set<String> testLocks) {
    public ControllerState(long lastMs, Map<String, ZoneMode> zones, List<DoorState> doors, Set<String> activeFireAlarms,
            Map<String, String> faultedDevices, Map<String, Command.Reply> recentReplies) {
        this(lastMs, zones, doors, activeFireAlarms, faultedDevices, recentReplies, Set.of());
    }

    public ControllerState {
        testLocks = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(testLocks));
        zones = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(zones));
        doors = List.copyOf(doors);
        activeFireAlarms = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(activeFireAlarms));
        faultedDevices = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(faultedDevices));
        recentReplies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recentReplies));
    }

    public ZoneMode zone(String zoneId) {
        return zones.get(zoneId);
    }

    public boolean fireAlarmActive() {
        return !activeFireAlarms.isEmpty();
    }
}
