package org.lockstep.simulator.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.shell.Outbound;

/**
 * What a monitoring console would show, kept from the published stream: every door's last view, every zone's mode,
 * the latest alerts and replies. Thread-safe: written by the loop(s), read by the screen.
 */
public final class SiteBoard implements Outbound {
    /** How many alerts and replies the screen keeps. */
    public static final int RECENT_MAX = 8;

    private final Map<String, DoorView> doors = new LinkedHashMap<>();
    private final Map<String, ZoneMode> zones = new LinkedHashMap<>();
    private final Map<String, Boolean> controllerOnline = new LinkedHashMap<>();
    private final Map<String, String> doorController = new LinkedHashMap<>();
    private final Deque<String> alerts = new ArrayDeque<>();
    private final Deque<String> replies = new ArrayDeque<>();
    private final Map<String, Integer> answers = new LinkedHashMap<>();
    private String operator = "";
    private long version;

    /** Who the person at the console acts as, shown on every screen (commands are refused or allowed by it). */
    public synchronized void operator(String who) {
        operator = who;
        version++;
    }

    /** Lists the doors in site order before anything is published, so the table has every row from the start. */
    public synchronized void expect(String controllerId, DoorView initial) {
        doors.put(initial.doorId(), initial);
        doorController.put(initial.doorId(), controllerId);
        controllerOnline.putIfAbsent(controllerId, true);
        version++;
    }

    public synchronized void expectZone(String zoneId, ZoneMode mode) {
        zones.put(zoneId, mode);
        version++;
    }

    @Override
    public synchronized void door(String controllerId, DoorView door) {
        DoorView previous = doors.get(door.doorId());
        if (previous == null || door.seq() >= previous.seq() || door.status() != previous.status()) {
            doors.put(door.doorId(), door);
        }
        doorController.put(door.doorId(), controllerId);
        version++;
    }

    @Override
    public synchronized void zone(String controllerId, String zoneId, ZoneMode mode) {
        zones.put(zoneId, mode);
        version++;
    }

    @Override
    public synchronized void alert(String controllerId, Alert alert, long atMs) {
        push(alerts, String.format("%s %s %s%s: %s", clock(atMs), controllerId, alert.drill() ? "[DRILL] " : "",
                alert.kind(), alert.detail()));
    }

    /** Every controller answers a site command for itself; the board shows one line per request and answer. */
    @Override
    public synchronized void reply(String controllerId, Command.Reply reply) {
        String key = reply.requestId() + (reply.accepted() ? " accepted: " : " REJECTED: ") + reply.reason();
        int count = answers.merge(key, 1, Integer::sum);
        String line = key + " (" + count + " controller" + (count == 1 ? "" : "s") + ")";
        replies.removeIf(l -> l.startsWith(key + " ("));
        push(replies, line);
    }

    public synchronized void controllerOnline(String controllerId, boolean online) {
        controllerOnline.put(controllerId, online);
        version++;
    }

    public synchronized void note(String line) {
        push(replies, line);
    }

    private void push(Deque<String> q, String line) {
        q.addLast(line);
        while (answers.size() > 4 * RECENT_MAX) {
            answers.remove(answers.keySet().iterator().next());
        }
        while (q.size() > RECENT_MAX) {
            q.removeFirst();
        }
        version++;
    }

    static String clock(long ms) {
        long s = ms / 1000;
        return String.format("%02d:%02d:%02d.%01d", s / 3600, s / 60 % 60, s % 60, ms % 1000 / 100);
    }

    /** Increases with every change, so a screen redraws only when needed. */
    public synchronized long version() {
        return version;
    }

    public synchronized Snapshot snapshot() {
        List<DoorView> ds = new ArrayList<>();
        List<Boolean> online = new ArrayList<>();
        for (DoorView d : doors.values()) {
            ds.add(d);
            online.add(controllerOnline.getOrDefault(doorController.get(d.doorId()), true));
        }
        return new Snapshot(ds, online, new LinkedHashMap<>(zones), List.copyOf(alerts), List.copyOf(replies),
                operator);
    }

    /**
     * @param online whether each door's controller is up (same order as doors)
     * @param operator who the console acts as; empty when nobody is at a console
     */
    public record Snapshot(List<DoorView> doors, List<Boolean> online, Map<String, ZoneMode> zones,
            List<String> alerts, List<String> replies, String operator) {}
}
