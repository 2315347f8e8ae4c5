package org.lockstep.console;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which zone modes the console shows, and the problems it saw with the others. Not thread-safe: owned by
 * {@link ConsoleState}, under its lock.
 *
 * <p><b>Versions.</b> Every controller tracks every zone and numbers its changes of it; its journal keeps the number
 * across restarts. A validly signed zone mode whose version is below the last one shown <em>from the same
 * controller</em> is a replay of an old message (say yesterday's ALL CLEAR, re-published while the zone is in
 * lockdown): it is refused like a forgery. The check is per controller, not per zone, because controllers' numbers for
 * one zone can differ (one that was off while the others changed the zone lags): comparing across controllers would
 * hide a real change from a lagging controller. Equal versions are shown (the retained message again after a
 * reconnect). What this cannot catch: a replay that arrives before the console has heard that controller at all
 * (just after the console starts); and a controller whose journal was wiped starts again at 0 and is refused until
 * the console restarts — the page says so.
 *
 * <p><b>Problems.</b> Each refusal is counted per zone; the first one after {@link #QUIET_MS} without any starts a
 * burst, which raises one alert and one log line. A flood is one alert and one line a minute per zone, its count
 * growing on the page; the zone shows the problem for {@link #SHOWN_MS} after the last refusal.
 */
final class ZoneTrust {
    /** A refusal after this long without one starts a new burst (a new alert and log line). */
    static final long QUIET_MS = 60_000;
    /** How long after its last refusal a zone still shows the problem. */
    static final long SHOWN_MS = 15 * 60_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Key(String zoneId, String controllerId) {}

    private static final class Problem {
        String why;
        String detail;
        long count;
        long burstStartMs;
        long lastMs;
    }

    private final Map<Key, Long> shownVersions = new HashMap<>();
    private final Map<String, Problem> problems = new HashMap<>();

    /** Empty if {@code z} may be shown; else why not (a version older than one shown from its controller). */
    Optional<String> older(ConsoleDecoder.Update.Zone z) {
        if (z.controllerId().isEmpty()) {
            return Optional.empty(); // a mode from no particular controller: tests of the page only
        }
        Long shown = shownVersions.get(new Key(z.zoneId(), z.controllerId()));
        if (shown != null && z.version() < shown) {
            return Optional.of("version " + z.version() + " from controller " + z.controllerId() + " after version "
                    + shown + ": a replayed old message, or that controller's journal was wiped (then restart the"
                    + " console)");
        }
        return Optional.empty();
    }

    void shown(ConsoleDecoder.Update.Zone z) {
        if (!z.controllerId().isEmpty()) {
            shownVersions.merge(new Key(z.zoneId(), z.controllerId()), z.version(), Math::max);
        }
    }

    /** Counts a refusal; true if it starts a burst (raise one alert, write one log line). */
    boolean refused(String zoneId, String why, String detail, long nowMs) {
        Problem p = problems.computeIfAbsent(zoneId, k -> new Problem());
        boolean burst = p.count == 0 || nowMs - p.lastMs >= QUIET_MS;
        if (burst) {
            p.burstStartMs = nowMs;
        }
        p.count++;
        p.why = why;
        p.detail = detail;
        p.lastMs = nowMs;
        return burst;
    }

    long count(String zoneId) {
        Problem p = problems.get(zoneId);
        return p == null ? 0 : p.count;
    }

    /** The zone's problem as the page shows it, or "" if none recently. */
    String problem(String zoneId, String zoneName, String shownMode, long nowMs) {
        Problem p = problems.get(zoneId);
        if (p == null || nowMs - p.lastMs >= SHOWN_MS) {
            return "";
        }
        return sentence(zoneName, p.why, shownMode) + " Refused " + p.count + (p.count == 1 ? " message" : " messages")
                + ", the last at " + Instant.ofEpochMilli(p.lastMs) + ".";
    }

    /** The {@code ZONE_MODE_REFUSED} alert of a burst, in the shape of the controllers' alerts on the page. */
    static ObjectNode alert(String zoneId, String zoneName, String sentence, long nowMs) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", "ZONE_MODE_REFUSED");
        n.put("subject", zoneId);
        n.put("room", "");
        n.put("zone", zoneId);
        n.put("zoneName", zoneName);
        n.put("detail", sentence);
        n.put("cell", "");
        n.put("drill", false);
        n.put("at", Instant.ofEpochMilli(nowMs).toString());
        return n;
    }

    /** The words of the alert and the page: what happened, what it may mean, what the screen shows instead. */
    static String sentence(String zoneName, String why, String shownMode) {
        return "A zone mode for " + zoneName + " failed its check (" + why + ") — someone on the network may"
                + " be forging it; the mode shown is the last verified one (" + shownMode + ").";
    }
}
