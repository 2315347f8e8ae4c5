package org.lockstep.controller.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code evolve}: folds facts into a state. It checks nothing: a fact says what the new value is and that is the new
 * value. The one thing it does is find a door or zone by id in today's site; a fact about a door or zone the site no
 * longer has changes nothing and is reported by {@link #unmapped}.
 */
final class StateFold {
    private final Map<String, Integer> doorIndex;
    private final Map<String, ZoneMode> zones;
    private final List<DoorState> doors;
    private final Set<String> fire;
    private final Map<String, String> faulted;
    /** The state's own (unmodifiable) maps until a fact changes them, then a copy: most steps answer no request. */
    private Map<String, Command.Reply> replies;
    private Map<String, String> fingerprints;
    private boolean repliesCopied;
    private final Set<String> testLocks;

    StateFold(Map<String, Integer> doorIndex, ControllerState s) {
        this.doorIndex = doorIndex;
        this.zones = new LinkedHashMap<>(s.zones());
        this.doors = new ArrayList<>(s.doors());
        this.fire = new TreeSet<>(s.activeFireAlarms());
        this.faulted = new TreeMap<>(s.faultedDevices());
        this.replies = s.recentReplies();
        this.fingerprints = s.recentRequests();
        this.testLocks = new TreeSet<>(s.testLocks());
    }

    void apply(Fact fact) {
        switch (fact) {
            case Fact.ZoneModeChanged z -> zones.replace(z.zoneId(), z.mode());
            case Fact.DoorChanged d -> {
                Integer i = doorIndex.get(d.doorId());
                if (i != null) {
                    doors.set(i, d.door());
                }
            }
            case Fact.FireAlarmSet f -> {
                if (f.active()) {
                    fire.add(f.alarmId());
                } else {
                    fire.remove(f.alarmId());
                }
            }
            case Fact.DeviceFaultSet f -> {
                if (f.detail().isPresent()) {
                    faulted.put(f.deviceId(), f.detail().get());
                } else {
                    faulted.remove(f.deviceId());
                }
            }
            case Fact.TestLocksSet t -> {
                testLocks.clear();
                t.doorIds().stream().filter(doorIndex::containsKey).forEach(testLocks::add);
            }
            case Fact.RequestAnswered r -> r.fingerprint().ifPresent(f -> remember(copiedReplies(), fingerprints, r.reply(), f));
            case Fact.Checkpoint c -> {
                c.zones().forEach(zones::replace);
                c.doors().forEach((id, d) -> {
                    Integer i = doorIndex.get(id);
                    if (i != null) {
                        doors.set(i, d);
                    }
                });
                fire.clear();
                fire.addAll(c.fireAlarms());
                faulted.clear();
                faulted.putAll(c.faultedDevices());
                copiedReplies().clear();
                replies.putAll(c.recentReplies());
                fingerprints.clear();
                fingerprints.putAll(c.recentRequests());
                testLocks.clear();
                c.testLocks().stream().filter(doorIndex::containsKey).forEach(testLocks::add);
            }
            case Fact.LockDriven d -> {} // the door's lock state is in its DoorChanged
            case Fact.AlertRaised a -> {}
            case Fact.RequestShared s -> {}
        }
    }

    private LinkedHashMap<String, Command.Reply> copiedReplies() {
        if (!repliesCopied) {
            replies = new LinkedHashMap<>(replies);
            fingerprints = new LinkedHashMap<>(fingerprints);
            repliesCopied = true;
        }
        return (LinkedHashMap<String, Command.Reply>) replies;
    }

    static void remember(LinkedHashMap<String, Command.Reply> replies, Map<String, String> fingerprints,
            Command.Reply reply, String fingerprint) {
        replies.put(reply.requestId(), reply);
        fingerprints.put(reply.requestId(), fingerprint);
        while (replies.size() > LockdownMachine.RECENT_REQUESTS_MAX) {
            String oldest = replies.keySet().iterator().next();
            fingerprints.remove(oldest);
            replies.remove(oldest);
        }
    }

    ControllerState build(long lastMs) {
        return new ControllerState(lastMs, zones, doors, fire, faulted, replies, testLocks, fingerprints);
    }
}
