package org.lockstep.controller.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.LockdownMachine;

/**
 * How many status lines of one door reach the log: the first {@link #LINES_PER_WINDOW} of a door in a
 * {@link #WINDOW_MS} window, then one summary line for the rest when the window ends (issue 11: one INFO line per
 * door status wrote 558 MB of log in 7 minutes of chatter and cost the loop 5 ms at p90). A status that needs a
 * person ({@link #alwaysLogged}: a fault, a lock that did not throw, a forced or propped door, a door the fire
 * policy keeps unlocked) is never held back and does not use up the door's lines. Zone modes, alerts and replies are not limited at
 * all (see {@link LogOutbound}).
 * <p>
 * Pure counting: the caller hands in the time (the loop's clock); nothing here reads a clock, and the state is
 * bounded by the number of doors the controller publishes. Not thread-safe: the loop thread only.
 */
final class DoorLogLimit {
    /** Status lines of one door logged per window before the rest are only counted. */
    static final int LINES_PER_WINDOW = 10;
    /** The window, from the door's first line in it; its summary is due when it ends. */
    static final long WINDOW_MS = 60_000;

    /** The status lines of one door held back in one window, and the last of them (the door's state now). */
    record Summary(String doorId, long heldBack, long windowMs, DoorView last) {}

    private static final class Window {
        long startMs;
        int logged;
        long heldBack;
        DoorView last;
    }

    private final Map<String, Window> windows = new HashMap<>();
    /** The earliest end of a window that has lines held back; {@link Long#MAX_VALUE} if none. */
    private long nextDueMs = Long.MAX_VALUE;

    /** Whether this status line is logged now; if not, it is counted for its door's summary. */
    boolean admit(DoorView door, long nowMs) {
        if (alwaysLogged(door)) {
            return true;
        }
        Window w = windows.get(door.doorId());
        if (w == null || nowMs - w.startMs >= WINDOW_MS) {
            if (w != null && w.heldBack > 0) {
                return admitInto(w, door, nowMs); // its summary is still due: it comes out first (see due)
            }
            w = new Window();
            w.startMs = nowMs;
            windows.put(door.doorId(), w);
        }
        return admitInto(w, door, nowMs);
    }

    private boolean admitInto(Window w, DoorView door, long nowMs) {
        if (w.logged < LINES_PER_WINDOW && w.heldBack == 0) {
            w.logged++;
            return true;
        }
        w.heldBack++;
        w.last = door;
        nextDueMs = Math.min(nextDueMs, w.startMs + WINDOW_MS);
        return false;
    }

    /**
     * The summaries of every window that has ended with lines held back, each once; those doors start a new window
     * with their next line. Cheap when nothing is due (one comparison).
     */
    List<Summary> due(long nowMs) {
        if (nowMs < nextDueMs) {
            return List.of();
        }
        List<Summary> out = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (var e : windows.entrySet()) {
            Window w = e.getValue();
            if (w.heldBack == 0) {
                continue;
            }
            long end = w.startMs + WINDOW_MS;
            if (nowMs >= end) {
                out.add(new Summary(e.getKey(), w.heldBack, nowMs - w.startMs, w.last));
                w.heldBack = 0;
                w.logged = 0;
                w.last = null;
                w.startMs = nowMs;
            } else {
                next = Math.min(next, end);
            }
        }
        nextDueMs = next;
        out.sort(java.util.Comparator.comparing(Summary::doorId));
        return out;
    }

    /**
     * A status a person must see each time: never held back. A fault, a lock that did not throw, a forced or propped
     * door, and a door the fire policy keeps unlocked. Not the routine details ("locking": told to lock, within its
     * actuation time), which every lockdown gives every door.
     */
    static boolean alwaysLogged(DoorView door) {
        return door.detail().equals(LockdownMachine.FIRE_RELEASED) || switch (door.status()) {
            case FAULT, FAILED_TO_SECURE, FORCED, PROPPED, OFFLINE -> true;
            case SECURED, UNLOCKED, OPEN -> false;
        };
    }

    /** The summary's line, without the controller id. */
    static String line(Summary s) {
        DoorStatus now = s.last().status();
        return s.heldBack() + " more status change" + (s.heldBack() == 1 ? "" : "s") + " in the last "
                + (s.windowMs() / 1000) + " s, now " + now + (s.last().drill() ? " [drill]" : "");
    }
}
