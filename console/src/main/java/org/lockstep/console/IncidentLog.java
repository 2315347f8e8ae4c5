package org.lockstep.console;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;
import org.tinylog.Logger;

/**
 * The drill log: every LOCKDOWN, SECURE or drill this console saw, from the first zone leaving NORMAL to the last one
 * returning (one incident however many zones join it), with who or what triggered it, when every door in it was first
 * SECURED at once, the doors never secured, and the ALL CLEAR and by whom. It is the console's observation through the
 * broker, not the controllers' journals ({@code lockstep report} reads those). The last {@link #MAX} are kept, in
 * memory, and each change is handed to a saver ({@link IncidentStore} with {@code --data DIR}) as an
 * {@link IncidentRecord}. An incident that was open when the console stopped comes back open with a gap (the console
 * was not watching from its last record to the restart) and goes on when the zones' retained modes arrive. Not
 * thread-safe: {@link ConsoleState}'s lock. Times are the console's wall clock.
 */
final class IncidentLog {
    static final int MAX = 100;
    /**
     * An open incident is recorded at least this often even when nothing changes, so that after a power cut its
     * INTERRUPTED gap starts at most this long before the console actually stopped watching.
     */
    static final long WATCHING_RECORD_MS = 60_000;

    private final Site site;
    private final Map<String, Mode> zoneModes = new HashMap<>();
    private final Map<String, DoorStatus> doorNow = new HashMap<>();
    private final Deque<LoggedIncident> incidents = new ArrayDeque<>();
    private final Consumer<IncidentRecord> saver;
    private LoggedIncident open;
    /** Changes whenever the set of settled incidents does (one settles, or leaves the log): the pages' log is resent. */
    private long settledVersion;
    private long lastId;
    private long lastSavedMs;

    /** A drill log kept in memory only. */
    IncidentLog(Site site) {
        this(site, List.of(), r -> {}, 0);
    }

    /**
     * @param restored what the console recorded before it stopped, oldest first ({@link IncidentStore#loaded})
     * @param saver    receives every change; it must return at once (it runs under the console's lock)
     * @param nowMs    the restart: an incident open in {@code restored} was not watched from its last record to now
     */
    IncidentLog(Site site, List<IncidentRecord> restored, Consumer<IncidentRecord> saver, long nowMs) {
        this.site = site;
        this.saver = saver;
        List<IncidentRecord> kept = restored.subList(Math.max(0, restored.size() - MAX), restored.size());
        for (IncidentRecord r : kept) {
            LoggedIncident i = LoggedIncident.of(r);
            incidents.addFirst(i);
            lastId = Math.max(lastId, Long.parseLong(r.id().substring(1)));
            if (r.open()) {
                i.gap(r.savedMs(), Math.max(nowMs, r.savedMs()));
                if (open != null) {
                    // only one incident is open at a time: an older one still open ended unseen
                    open.endMs = Math.max(open.startMs, r.startMs());
                    open.endedBy = "not seen: the console was not watching";
                    save(open, nowMs);
                }
                open = i;
                save(i, nowMs);
            }
        }
    }

    /** Hands {@code i} to the saver; a fault there is logged, never thrown into the MQTT worker (the log goes on). */
    private void save(LoggedIncident i, long nowMs) {
        lastSavedMs = nowMs;
        try {
            saver.accept(i.record(nowMs));
        } catch (RuntimeException e) {
            Logger.error(e, "console: drill log: cannot record incident {}", i.id);
        }
    }

    /** Time passes: an open incident not recorded for {@link #WATCHING_RECORD_MS} is recorded as still watched. */
    void tick(long nowMs) {
        if (open != null && nowMs - lastSavedMs >= WATCHING_RECORD_MS) {
            save(open, nowMs);
        }
    }

    /** The console is stopping: records the open incident as watched until now, so its gap starts here. */
    void stopping(long nowMs) {
        if (open != null) {
            save(open, nowMs);
        }
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
                open = new LoggedIncident("i" + id, nowMs, before != null, z.mode(), z.drill(), z.trigger(), z.reason());
                incidents.addFirst(open);
                while (incidents.size() > MAX) {
                    if (incidents.removeLast().settled != null) {
                        settledVersion++;
                    }
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
            save(open, nowMs);
        } else if (open != null && open.zones.stream().allMatch(id -> zoneModes.get(id) == Mode.NORMAL)) {
            open.endMs = nowMs;
            open.endedBy = z.trigger();
            save(open, nowMs);
            open = null;
        }
    }

    void door(String doorId, Optional<DoorStatus> status, long nowMs) {
        status.ifPresentOrElse(s -> doorNow.put(doorId, s), () -> doorNow.remove(doorId));
        if (open != null && checkSecured(nowMs)) {
            save(open, nowMs);
        }
    }

    private List<DoorSpec> doorsOf(LoggedIncident i) {
        return site.doors().stream().filter(d -> i.zones.contains(d.zone())).toList();
    }

    /** True if the open incident changed (a door secured for the first time, or every door at once). */
    private boolean checkSecured(long nowMs) {
        boolean all = true;
        boolean changed = false;
        for (DoorSpec d : doorsOf(open)) {
            if (doorNow.get(d.id()) == DoorStatus.SECURED) {
                changed |= open.everSecured.add(d.id());
            } else {
                all = false;
            }
        }
        if (all && open.allSecuredMs < 0) {
            open.allSecuredMs = nowMs;
            changed = true;
        }
        return changed;
    }

    /** {@code incidents}: newest first, as the page lists them. */
    void describe(ObjectNode root, long nowMs) {
        ArrayNode arr = root.putArray("incidents");
        incidents.forEach(i -> arr.add(settledOrDescribe(i, nowMs)));
    }

    /**
     * The drill log as the live pages get it: {@code incidentOrder}, every incident's id newest first;
     * {@code incidents}, only those not settled (open, or with a door never secured), described afresh; and
     * {@code settledVersion}. The settled ones, which never change and are most of a full log (100 of them, ~40 KB),
     * go to the pages on their own ({@link #settled}) only when {@link #settledVersion} moves, not in every push.
     */
    void describeLive(ObjectNode root, long nowMs) {
        ArrayNode order = root.putArray("incidentOrder");
        ArrayNode arr = root.putArray("incidents");
        for (LoggedIncident i : incidents) {
            ObjectNode n = settledOrDescribe(i, nowMs);
            order.add(i.id);
            if (i.settled == null) {
                arr.add(n);
            }
        }
        root.put("settledVersion", settledVersion);
    }

    /** Moves whenever an incident settles or a settled one leaves the log. */
    long settledVersion() {
        return settledVersion;
    }

    /** The settled incidents, newest first, as {@link #describeLive} leaves them out. */
    ArrayNode settled() {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        incidents.stream().filter(i -> i.settled != null).forEach(i -> arr.add(i.settled));
        return arr;
    }

    /**
     * An ended incident whose every door was secured reads the same on every push (nothing in it depends on the time
     * or on the doors now), and a full drill log is 100 of them: described once and reused, it no longer costs each
     * push its 50 KB of fresh JSON tree. Anything open or with a door never secured (whose status now it shows) is
     * described afresh.
     */
    private ObjectNode settledOrDescribe(LoggedIncident i, long nowMs) {
        if (i.settled != null) {
            return i.settled;
        }
        ObjectNode n = describe(i, nowMs);
        if (i.endMs >= 0 && n.get("neverSecured").isEmpty()) {
            i.settled = n;
            settledVersion++;
        }
        return n;
    }

    /** One incident by id, for its report; empty if this console has none by that id (or no longer keeps it). */
    Optional<ObjectNode> find(String id, long nowMs) {
        return incidents.stream().filter(i -> i.id.equals(id)).findFirst().map(i -> describe(i, nowMs));
    }

    private ObjectNode describe(LoggedIncident i, long nowMs) {
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
        n.put("interrupted", !i.gaps.isEmpty());
        ArrayNode gs = n.putArray("notWatched");
        i.gaps.forEach(g -> gs.addObject().put("from", iso(g.fromMs())).put("to", iso(g.toMs())));
        return n;
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
