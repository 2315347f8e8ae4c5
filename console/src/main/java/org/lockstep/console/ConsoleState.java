package org.lockstep.console;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.ZoneSpec;

/**
 * What the console knows about the site, as the page shows it: every door of the site file (a door that has not
 * published yet is UNKNOWN, never assumed), zone modes, controller availability, the last alerts, the actions sent
 * and their answers, and whether the broker is there. One lock; the MQTT worker writes, the SSE pusher reads
 * {@link #snapshot}. Times are the console's wall clock, given by the caller.
 *
 * <p>Staleness is decided here, not in the page: while the broker is lost every door is {@code stale}, and a door whose
 * controller is offline (its last will) shows OFFLINE with its last status beside it, so a stale SECURED is never
 * current.
 */
public final class ConsoleState {
    /** Alerts kept for the page, newest first; older ones are dropped (the journal and the report keep them all). */
    static final int MAX_ALERTS = 50;
    /** Actions kept for the page, newest first. */
    static final int MAX_ACTIONS = 5;
    /** How long a controller has to answer an action before the page names it as silent. */
    public static final long ANSWER_DEADLINE_MS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record DoorNow(Optional<DoorStatus> status, boolean drill, String since, String detail) {}

    private record ZoneNow(Mode mode, boolean drill, String since, ConsoleDecoder.Trust trust) {}

    private final Site site;
    private final String siteName;
    private final ConsoleMap map;
    private final Map<String, DoorNow> doors = new LinkedHashMap<>();
    private final Map<String, ZoneNow> zones = new LinkedHashMap<>();
    private final Map<String, Boolean> online = new LinkedHashMap<>();
    private final Fleet fleet;
    private final AuditFindings audits;
    private final ZoneTrust zoneTrust = new ZoneTrust();
    private String zoneLog = ""; // the start of a burst of refused zone modes, for the caller to log once
    private IncidentLog incidents;
    private IncidentStore incidentStore; // null: the drill log is kept in memory only
    private final Deque<ObjectNode> alerts = new ArrayDeque<>();
    private final ActionResults actions = new ActionResults();
    private boolean brokerUp;
    private long lastLiveMs = -1;
    private long brokerLostMs = -1;
    private long rejected;
    private long version;

    public ConsoleState(Site site, String siteName) {
        this(site, siteName, new ConsoleMap(site, Optional.empty()));
    }

    /** With the site file's map: every door, alert and not-secured door carries its grid cell. */
    ConsoleState(Site site, String siteName, ConsoleMap map) {
        this(site, siteName, map, "");
    }

    /** @param siteFileSha256 the site file this console runs, to say when the controllers run another; "" unknown */
    ConsoleState(Site site, String siteName, ConsoleMap map, String siteFileSha256) {
        this.site = site;
        this.siteName = siteName;
        this.map = map;
        this.fleet = new Fleet(site.controllers(), siteFileSha256);
        this.audits = new AuditFindings(site);
        this.incidents = new IncidentLog(site);
    }

    public synchronized long version() {
        return version;
    }

    public synchronized void brokerConnected(long nowMs) {
        brokerUp = true;
        lastLiveMs = nowMs;
        version++;
    }

    public synchronized void brokerLost(long nowMs) {
        if (brokerUp) {
            brokerLostMs = nowMs;
        }
        brokerUp = false;
        version++;
    }

    /** Applies one decoded message; a {@link ConsoleDecoder.Update.Rejected} only counts. */
    public synchronized void apply(ConsoleDecoder.Update u, long nowMs) {
        switch (u) {
            case ConsoleDecoder.Update.Door d -> {
                doors.put(d.doorId(), new DoorNow(d.status(), d.drill(), d.since(), d.detail()));
                incidents.door(d.doorId(), d.status(), nowMs);
            }
            case ConsoleDecoder.Update.Zone z -> {
                Optional<String> older = zoneTrust.older(z);
                if (older.isPresent()) {
                    zoneRefused(z.zoneId(), "an older version than one already shown", older.get(), nowMs);
                } else {
                    zoneTrust.shown(z);
                    zones.put(z.zoneId(), new ZoneNow(z.mode(), z.drill(), z.since(), z.trust()));
                    incidents.zone(z, nowMs);
                }
            }
            case ConsoleDecoder.Update.ZoneRefused z -> zoneRefused(z.zoneId(), z.why(), z.topic() + ": " + z.detail(),
                    nowMs);
            case ConsoleDecoder.Update.Availability a -> {
                online.put(a.controllerId(), a.online());
                fleet.availability(a.controllerId(), a.online(), nowMs);
            }
            case ConsoleDecoder.Update.InfoSeen i -> fleet.info(i.controllerId(), i.info());
            case ConsoleDecoder.Update.UplinkSeen h -> fleet.uplink(h.controllerId(), h.counts());
            case ConsoleDecoder.Update.AuditSeen a -> audits.put(a.doorId(), a.finding());
            case ConsoleDecoder.Update.AlertRaised a -> {
                ObjectNode n = JSON.createObjectNode();
                n.put("kind", a.kind());
                n.put("subject", a.subject());
                n.put("room", a.room());
                n.put("zone", a.zone());
                n.put("zoneName", zoneName(a.zone()));
                n.put("detail", a.detail());
                n.put("cell", map.cellOf(a.subject()));
                n.put("drill", a.drill());
                n.put("at", a.at().isEmpty() ? Instant.ofEpochMilli(nowMs).toString() : a.at());
                addAlert(n);
            }
            case ConsoleDecoder.Update.Result r -> actions.answer(r);
            case ConsoleDecoder.Update.Rejected r -> rejected++;
        }
        if (!(u instanceof ConsoleDecoder.Update.Rejected)) {
            lastLiveMs = nowMs;
        }
        version++;
    }

    /** A zone mode not shown: counted, and the first of a burst raises an alert (and a log line, {@link #takeZoneLog}). */
    private void zoneRefused(String zoneId, String why, String detail, long nowMs) {
        rejected++;
        if (!zoneTrust.refused(zoneId, why, detail, nowMs)) {
            return;
        }
        ZoneNow shown = zones.get(zoneId);
        String sentence = ZoneTrust.sentence(zoneName(zoneId), why, shown == null ? "UNKNOWN" : shown.mode().name());
        addAlert(ZoneTrust.alert(zoneId, zoneName(zoneId), sentence, nowMs));
        zoneLog = sentence + " First refused: " + detail;
    }

    /** The line to log for a burst of refused zone modes that has just started, once; "" if none. */
    public synchronized String takeZoneLog() {
        String s = zoneLog;
        zoneLog = "";
        return s;
    }

    private void addAlert(ObjectNode n) {
        alerts.addFirst(n);
        while (alerts.size() > MAX_ALERTS) {
            alerts.removeLast();
        }
    }

    /** An action this console has just published; its answers arrive through {@link #apply}. */
    public synchronized void actionSent(String commandId, String label, List<String> expected, long nowMs) {
        actions.sent(commandId, label, expected, nowMs);
        version++;
    }

    /** Bumps the version when an action's answer deadline has just passed, so the page names the silent ones. */
    public synchronized void tick(long nowMs) {
        incidents.tick(nowMs);
        if (actions.deadlineJustPassed(nowMs)) {
            version++;
        }
    }

    /** Keeps the drill log in {@code store} from now on, starting from what it had recorded (before MQTT starts). */
    synchronized void keepIncidentsIn(IncidentStore store, long nowMs) {
        incidentStore = store;
        incidents = new IncidentLog(site, store.loaded(), store::save, nowMs);
        version++;
    }

    /** The console is stopping: an incident still open is recorded as watched until now. */
    synchronized void stopping(long nowMs) {
        incidents.stopping(nowMs);
    }

    /** One incident of the drill log by id, for its after-action report ({@link IncidentReport}). */
    public synchronized Optional<ObjectNode> incident(String id, long nowMs) {
        return incidents.find(id, nowMs);
    }

    public synchronized long rejectedCount() {
        return rejected;
    }

    private String zoneName(String zoneId) {
        return site.zones().stream().filter(z -> z.id().equals(zoneId)).map(ZoneSpec::name).findFirst().orElse(zoneId);
    }

    /** The whole picture, the drill log in full ({@code GET /api/state}; schema: docs/CONSOLE.md). */
    public synchronized ObjectNode snapshot(long nowMs) {
        return picture(nowMs, false);
    }

    /**
     * The picture pushed to the live pages: the same, but of the drill log only what is not settled and the order
     * ({@link IncidentLog#describeLive}); the settled incidents go out apart ({@link #settledLog}).
     */
    public synchronized ObjectNode livePicture(long nowMs) {
        return picture(nowMs, true);
    }

    /** Moves whenever {@link #settledLog} would say something new. */
    public synchronized long settledVersion() {
        return incidents.settledVersion();
    }

    /** The drill log's settled incidents, newest first: {@code {"settledVersion": N, "settled": [...]}}. */
    public synchronized ObjectNode settledLog() {
        ObjectNode root = JSON.createObjectNode();
        root.put("settledVersion", incidents.settledVersion());
        root.set("settled", incidents.settled());
        return root;
    }

    private ObjectNode picture(long nowMs, boolean live) {
        ObjectNode root = JSON.createObjectNode();
        root.put("site", siteName);
        root.put("now", Instant.ofEpochMilli(nowMs).toString());
        root.put("brokerUp", brokerUp);
        root.put("lastLive", lastLiveMs < 0 ? "" : Instant.ofEpochMilli(lastLiveMs).toString());
        root.put("brokerLost", brokerLostMs < 0 ? "" : Instant.ofEpochMilli(brokerLostMs).toString());
        root.put("rejected", rejected);
        root.set("map", map.description());
        boolean anyLockdown = false;
        boolean anyDrill = false;
        int total = 0;
        int secured = 0;
        ArrayNode notSecured = JSON.createArrayNode();
        ArrayNode zoneArray = root.putArray("zones");
        for (ZoneSpec z : site.zones()) {
            ZoneNow zm = zones.get(z.id());
            ObjectNode zn = zoneArray.addObject();
            zn.put("id", z.id());
            zn.put("name", z.name());
            zn.put("mode", zm == null ? "UNKNOWN" : zm.mode().name());
            zn.put("drill", zm != null && zm.drill());
            zn.put("since", zm == null ? "" : zm.since());
            // VERIFIED: signed by its controller; UNVERIFIED: the site file lists no controller keys; UNKNOWN: none yet
            zn.put("trust", zm == null ? "UNKNOWN" : zm.trust().name());
            zn.put("problem", zoneTrust.problem(z.id(), z.name(), zm == null ? "UNKNOWN" : zm.mode().name(), nowMs));
            zn.put("refused", zoneTrust.count(z.id()));
            boolean locked = zm != null && zm.mode() == Mode.LOCKDOWN;
            anyLockdown |= locked;
            anyDrill |= zm != null && zm.drill() && zm.mode() != Mode.NORMAL;
            ArrayNode da = zn.putArray("doors");
            for (DoorSpec d : site.doors()) {
                if (!d.zone().equals(z.id())) {
                    continue;
                }
                DoorNow now = doors.get(d.id());
                boolean controllerOffline = Boolean.FALSE.equals(online.get(d.controller()));
                String last = now == null || now.status().isEmpty() ? "UNKNOWN" : now.status().get().name();
                String shown = controllerOffline ? DoorStatus.OFFLINE.name() : last;
                ObjectNode dn = da.addObject();
                dn.put("id", d.id());
                dn.put("room", d.room());
                dn.put("controller", d.controller());
                dn.put("status", shown);
                dn.put("lastKnown", last);
                dn.put("since", now == null ? "" : now.since());
                dn.put("detail", now == null ? "" : now.detail());
                dn.put("drill", now != null && now.drill());
                dn.put("stale", !brokerUp || controllerOffline);
                dn.put("cell", map.cellOf(d.id()));
                audits.describe(d.id(), dn);
                map.positionOf(d.id()).ifPresent(p -> {
                    dn.put("floor", p.floor());
                    dn.put("x", p.x());
                    dn.put("y", p.y());
                });
                if (locked) {
                    total++;
                    if (brokerUp && shown.equals(DoorStatus.SECURED.name())) {
                        secured++;
                    } else {
                        ObjectNode ns = notSecured.addObject();
                        ns.put("id", d.id());
                        ns.put("room", d.room());
                        ns.put("status", brokerUp ? shown : "UNKNOWN (no broker)");
                        ns.put("zone", z.name());
                        ns.put("cell", map.cellOf(d.id()));
                    }
                }
            }
        }
        root.put("lockdown", anyLockdown);
        root.put("drill", anyDrill);
        ObjectNode count = root.putObject("count");
        count.put("secured", secured);
        count.put("total", total);
        count.set("notSecured", notSecured);
        fleet.describe(root);
        audits.failing(root);
        if (live) {
            incidents.describeLive(root, nowMs);
        } else {
            incidents.describe(root, nowMs);
        }
        root.putObject("drillLog").put("file", incidentStore == null ? "" : incidentStore.where())
                .put("problem", incidentStore == null ? "" : incidentStore.problem());
        ArrayNode al = root.putArray("alerts");
        alerts.forEach(al::add);
        actions.describe(root.putArray("actions"), nowMs);
        return root;
    }
}
