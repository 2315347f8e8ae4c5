package org.lockstep.console;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;

/**
 * The drill log: every LOCKDOWN, SECURE or drill this console saw, from the first zone leaving NORMAL to the last one
 * returning (one incident however many zones join it), with who or what triggered it, when every door in it was first
 * SECURED at once, the doors never secured, and the ALL CLEAR and by whom. It is the console's observation through the
 * broker, not the controllers' journals ({@code lockstep report} reads those). The last {@link #MAX} are kept, in
 * memory. Not thread-safe: {@link ConsoleState}'s lock. Times are the console's wall clock.
 */
final class IncidentLog {
    static final int MAX = 100;

    private static final class Incident {
        final String id;
        final long startMs;
        final boolean startSeen; // false: the zone was already out of NORMAL when this console first heard it
        final String trigger;
        final String reason;
        final Set<String> zones = new LinkedHashSet<>();
        final Set<String> everSecured = new LinkedHashSet<>();
        Mode mode;
        boolean drill;
        long allSecuredMs = -1;
        long endMs = -1;
        String endedBy = "";

        Incident(String id, long startMs, boolean startSeen, Mode mode, boolean drill, String trigger, String reason) {
            this.id = id;
            this.startMs = startMs;
            this.startSeen = startSeen;
            this.mode = mode;
            this.drill = drill;
            this.trigger = trigger;
            this.reason = reason;
        }
    }

    private final Site site;
    private final Map<String, Mode> zoneModes = new HashMap<>();
    private final Map<String, DoorStatus> doorNow = new HashMap<>();
    private final Deque<Incident> incidents = new ArrayDeque<>();
    private Incident open;
    private long lastId;

    IncidentLog(Site site) {
        this.site = site;
    }

    void zone(ConsoleDecoder.Update.Zone z, long nowMs) {
        Mode before = zoneModes.put(z.zoneId(), z.mode());
        if (before == z.mode()) {
            return; // every controller publishes every zone's mode: only a change counts
        }
        if (z.mode() != Mode.NORMAL) {
            if (open == null) {
                long id = Math.max(nowMs, lastId + 1); // unique even for two incidents in one millisecond
                lastId = id;
                open = new Incident("i" + id, nowMs, before != null, z.mode(), z.drill(), z.trigger(), z.reason());
                incidents.addFirst(open);
                while (incidents.size() > MAX) {
                    incidents.removeLast();
                }
            }
            if (z.mode() == Mode.LOCKDOWN) {
                open.mode = Mode.LOCKDOWN; // the most severe mode it reached names it
            }
            open.drill |= z.drill();
            if (open.zones.add(z.zoneId())) {
                open.allSecuredMs = -1; // a zone joining has doors of its own to secure
            }
            checkSecured(nowMs);
        } else if (open != null && open.zones.stream().allMatch(id -> zoneModes.get(id) == Mode.NORMAL)) {
            open.endMs = nowMs;
            open.endedBy = z.trigger();
            open = null;
        }
    }

    void door(String doorId, Optional<DoorStatus> status, long nowMs) {
        status.ifPresentOrElse(s -> doorNow.put(doorId, s), () -> doorNow.remove(doorId));
        if (open != null) {
            checkSecured(nowMs);
        }
    }

    private List<DoorSpec> doorsOf(Incident i) {
        return site.doors().stream().filter(d -> i.zones.contains(d.zone())).toList();
    }

    private void checkSecured(long nowMs) {
        boolean all = true;
        for (DoorSpec d : doorsOf(open)) {
            if (doorNow.get(d.id()) == DoorStatus.SECURED) {
                open.everSecured.add(d.id());
            } else {
                all = false;
            }
        }
        if (all && open.allSecuredMs < 0) {
            open.allSecuredMs = nowMs;
        }
    }

    /** {@code incidents}: newest first, as the page lists them. */
    void describe(ObjectNode root, long nowMs) {
        ArrayNode arr = root.putArray("incidents");
        incidents.forEach(i -> arr.add(describe(i, nowMs)));
    }

    /** One incident by id, for its report; empty if this console has none by that id (or no longer keeps it). */
    Optional<ObjectNode> find(String id, long nowMs) {
        return incidents.stream().filter(i -> i.id.equals(id)).findFirst().map(i -> describe(i, nowMs));
    }

    private ObjectNode describe(Incident i, long nowMs) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", i.id);
        n.put("mode", i.mode.name());
        n.put("drill", i.drill);
        ArrayNode zs = n.putArray("zones");
        Map<String, String> names = new LinkedHashMap<>();
        site.zones().forEach(z -> names.put(z.id(), z.name()));
        i.zones.forEach(z -> zs.add(names.getOrDefault(z, z)));
        n.put("start", iso(i.startMs));
        n.put("startSeen", i.startSeen);
        n.put("trigger", i.trigger);
        n.put("reason", i.reason);
        List<DoorSpec> doors = doorsOf(i);
        n.put("doors", doors.size());
        n.put("allSecured", i.allSecuredMs < 0 ? "" : iso(i.allSecuredMs));
        if (i.allSecuredMs >= 0) {
            n.put("securedAfterMs", i.allSecuredMs - i.startMs);
        } else {
            n.putNull("securedAfterMs");
        }
        ArrayNode never = n.putArray("neverSecured");
        doors.stream().filter(d -> !i.everSecured.contains(d.id()))
                .forEach(d -> never.addObject().put("id", d.id()).put("room", d.room()).put("zone",
                        names.getOrDefault(d.zone(), d.zone())).put("status", doorNow.containsKey(d.id())
                        ? doorNow.get(d.id()).name() : "UNKNOWN"));
        n.put("open", i.endMs < 0);
        n.put("end", i.endMs < 0 ? "" : iso(i.endMs));
        n.put("endedBy", i.endedBy);
        n.put("durationMs", (i.endMs < 0 ? nowMs : i.endMs) - i.startMs);
        return n;
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
