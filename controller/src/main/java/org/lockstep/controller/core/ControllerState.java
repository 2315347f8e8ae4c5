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
 * @param recentRequests what each id in {@code recentReplies} asked for ({@link LockdownMachine#fingerprint}): an id
 *     reused for a different request is refused, never answered with the old result. Rebuilt by replaying the journal;
 *     an id without a fingerprint here (a state from before it existed) matches by id alone.
 */
public record ControllerState(long lastMs, Map<String, ZoneMode> zones, List<DoorState> doors, Set<String> activeFireAlarms,
        Map<String, String> faultedDevices, Map<String, Command.Reply> recentReplies, Set<String> testLocks,
        Map<String, String> recentRequests) {
    public ControllerState(long lastMs, Map<String, ZoneMode> zones, List<DoorState> doors, Set<String> activeFireAlarms,
            Map<String, String> faultedDevices, Map<String, Command.Reply> recentReplies) {
        this(lastMs, zones, doors, activeFireAlarms, faultedDevices, recentReplies, Set.of());
    }

    public ControllerState(long lastMs, Map<String, ZoneMode> zones, List<DoorState> doors, Set<String> activeFireAlarms,
            Map<String, String> faultedDevices, Map<String, Command.Reply> recentReplies, Set<String> testLocks) {
        this(lastMs, zones, doors, activeFireAlarms, faultedDevices, recentReplies, testLocks, Map.of());
    }

    public ControllerState {
        testLocks = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(testLocks));
        zones = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(zones));
        doors = List.copyOf(doors);
        activeFireAlarms = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(activeFireAlarms));
        faultedDevices = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(faultedDevices));
        // Up to 512 entries each, and a state is made for every input: shared from state to state while unchanged.
        recentReplies = FrozenMap.of(recentReplies);
        recentRequests = FrozenMap.of(recentRequests);
    }

    public ZoneMode zone(String zoneId) {
        return zones.get(zoneId);
    }

    public boolean fireAlarmActive() {
        return !activeFireAlarms.isEmpty();
    }
}
