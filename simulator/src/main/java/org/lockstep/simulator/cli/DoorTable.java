package org.lockstep.simulator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.ZoneMode;

/** Renders a {@link SiteBoard.Snapshot} as text: zone modes, a door table in columns, recent alerts and replies. */
public final class DoorTable {
    private static final String RESET = "\u001b[0m";
    /** Room names are cut to this only when the terminal is too narrow for the longest one. */
    private static final int ROOM_WIDTH = 16;
    private static final int STATUS_WIDTH = 17;

    private final boolean color;

    public DoorTable(boolean color) {
        this.color = color;
    }

    public String render(SiteBoard.Snapshot s, long nowMs, int width) {
        StringBuilder out = new StringBuilder();
        out.append("Lockstep simulated school   t=").append(SiteBoard.clock(nowMs));
        if (!s.operator().isEmpty()) {
            out.append("   acting as ").append(s.operator());
        }
        out.append('\n');
        StringBuilder zones = new StringBuilder("Zones:");
        for (Map.Entry<String, ZoneMode> z : s.zones().entrySet()) {
            ZoneMode m = z.getValue();
            String text = z.getKey() + "=" + m.mode() + (m.drill() ? "(DRILL)" : "");
            zones.append("  ").append(paint(text, switch (m.mode()) {
                case NORMAL -> "32";
                case SECURE -> "33;1";
                case LOCKDOWN -> "31;1";
            }));
        }
        out.append(zones).append('\n');
        int idWidth = s.doors().stream().mapToInt(d -> d.doorId().length()).max().orElse(4);
        int longestRoom = s.doors().stream().mapToInt(d -> d.room().length()).max().orElse(ROOM_WIDTH);
        int roomWidth = Math.max(ROOM_WIDTH, Math.min(longestRoom, width - idWidth - STATUS_WIDTH - 4));
        int cellWidth = idWidth + 1 + roomWidth + 1 + STATUS_WIDTH + 2;
        int columns = Math.max(1, width / cellWidth);
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < s.doors().size(); i++) {
            DoorView d = s.doors().get(i);
            DoorStatus status = s.online().get(i) ? d.status() : DoorStatus.OFFLINE;
            String room = truncate(d.room(), roomWidth);
            String text = String.format("%-" + idWidth + "s %-" + roomWidth + "s %-" + STATUS_WIDTH + "s", d.doorId(),
                    room, status + (d.drill() ? "*" : ""));
            cells.add(paint(text, colorOf(status)));
        }
        int rows = (cells.size() + columns - 1) / columns;
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                int i = c * rows + r;
                if (i < cells.size()) {
                    line.append(cells.get(i)).append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append("(* = drill)   Alerts:\n");
        for (String a : s.alerts()) {
            out.append("  ").append(truncate(a, width - 2)).append('\n');
        }
        out.append("Last:\n");
        for (String r : s.replies().subList(Math.max(0, s.replies().size() - 4), s.replies().size())) {
            out.append("  ").append(truncate(r, width - 2)).append('\n');
        }
        return out.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    private static String colorOf(DoorStatus status) {
        return switch (status) {
            case SECURED -> "32";
            case UNLOCKED -> "0";
            case OPEN -> "33";
            case PROPPED, FORCED, FAILED_TO_SECURE, FAULT -> "31;1";
            case OFFLINE -> "90";
        };
    }

    private String paint(String text, String code) {
        return color ? "\u001b[" + code + "m" + text + RESET : text;
    }
}
