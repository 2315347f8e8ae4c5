package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.journal.JournalHealth;

/**
 * What a controller says about itself on {@code <p>/controller/<id>/info} (retained, beside its availability): its
 * software version, the SHA-256 of the site file it runs, when it started, its journal's health and its zones' modes
 * as it holds them. {@code lockstep status} reads these to show the fleet and to warn when controllers run different
 * site files (a controller with a stale file acts on a different building).
 *
 * <p>The payload comes from the network, so {@link #decode} is strict about what it reads: at most
 * {@link #MAX_BYTES}, checked before parsing; strict JSON (no duplicate keys, nothing after the object); every known
 * field present with its exact JSON type and within its bounds. Fields it does not know are ignored, so an older
 * {@code lockstep status} can still read a newer controller's record. It never throws: anything else is
 * {@link Decoded.Unreadable} with the reason.
 *
 * @param zones zone id → its mode on this controller (only the zones it has doors in), sorted by id
 */
public record ControllerInfo(String controller, String version, String siteFileSha256, Instant startedAt,
        JournalHealth journal, Map<String, ZoneState> zones) {
    /** A record is ~300 bytes plus ~50 per zone: room for {@link #MAX_ZONES}. */
    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_VERSION_CHARS = 64;
    /** Zones one controller reports; a site has a handful per controller. Past it, no record is published. */
    public static final int MAX_ZONES = 1_000;

    /** A zone's mode as one controller holds it. */
    public record ZoneState(Mode mode, boolean drill) {
        public ZoneState {
            Objects.requireNonNull(mode, "mode");
        }
    }

    public ControllerInfo {
        Ids.require("controller", controller);
        Objects.requireNonNull(version, "version");
        if (version.isEmpty() || version.length() > MAX_VERSION_CHARS || !version.chars().allMatch(c -> c > 0x20
                && c < 0x7f)) {
            throw new IllegalArgumentException("version must be 1-" + MAX_VERSION_CHARS
                    + " printable ASCII characters without spaces");
        }
        if (siteFileSha256 == null || !siteFileSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("siteFileSha256 must be 64 lowercase hex digits");
        }
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(journal, "journal");
        if (zones.size() > MAX_ZONES) {
            throw new IllegalArgumentException("at most " + MAX_ZONES + " zones");
        }
        zones.keySet().forEach(z -> Ids.require("zones", z));
        zones = Collections.unmodifiableMap(new TreeMap<>(zones));
    }

    /** The JSON published on the info topic. */
    public ObjectNode toJson() {
        ObjectNode n = Payloads.JSON.createObjectNode();
        n.put("controller", controller);
        n.put("version", version);
        n.put("siteFileSha256", siteFileSha256);
        n.put("startedAt", startedAt.toString());
        ObjectNode j = n.putObject("journal");
        j.put("persistent", journal.persistent());
        j.put("ok", journal.ok());
        j.put("appendFailures", journal.appendFailures());
        j.put("openProblems", journal.openProblems());
        ObjectNode z = n.putObject("zones");
        zones.forEach((id, s) -> z.putObject(id).put("mode", s.mode().name()).put("drill", s.drill()));
        return n;
    }

    /** The outcome of reading an info payload. */
    public sealed interface Decoded {
        record Readable(ControllerInfo info) implements Decoded {}

        record Unreadable(String reason) implements Decoded {}
    }

    /** Reads an info payload; never throws (see the class comment for what is refused). */
    public static Decoded decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new Decoded.Unreadable("empty");
        }
        if (payload.length > MAX_BYTES) {
            return new Decoded.Unreadable(payload.length + " bytes; at most " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = CommandDecoder.STRICT.readTree(payload);
        } catch (IOException | RuntimeException e) {
            return new Decoded.Unreadable("not JSON");
        }
        try {
            if (root == null || !root.isObject()) {
                throw new Bad("not a JSON object");
            }
            JsonNode j = object(root, "journal");
            JsonNode zs = object(root, "zones");
            if (zs.size() > MAX_ZONES) {
                throw new Bad("zones: more than " + MAX_ZONES);
            }
            Map<String, ZoneState> zones = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = zs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!Ids.isValid(e.getKey())) {
                    throw new Bad("zones: not a zone id");
                }
                JsonNode zone = e.getValue();
                if (!zone.isObject()) {
                    throw new Bad("zones." + e.getKey() + ": not an object");
                }
                Mode mode;
                try {
                    mode = Mode.valueOf(text(zone, "mode", 16));
                } catch (IllegalArgumentException notAMode) {
                    throw new Bad("zones." + e.getKey() + ".mode: not a mode");
                }
                zones.put(e.getKey(), new ZoneState(mode, bool(zone, "drill")));
            }
            long failures = count(j, "appendFailures");
            long problems = count(j, "openProblems");
            if (problems > Integer.MAX_VALUE) {
                throw new Bad("journal.openProblems: out of bounds");
            }
            Instant started;
            try {
                started = Instant.parse(text(root, "startedAt", 40));
            } catch (DateTimeException notATime) {
                throw new Bad("startedAt: not an ISO-8601 instant");
            }
            return new Decoded.Readable(new ControllerInfo(text(root, "controller", 48),
                    text(root, "version", MAX_VERSION_CHARS), text(root, "siteFileSha256", 64), started,
                    new JournalHealth(bool(j, "persistent"), bool(j, "ok"), failures, (int) problems), zones));
        } catch (Bad e) {
            return new Decoded.Unreadable(e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Decoded.Unreadable(e.getMessage());
        }
    }

    private static final class Bad extends Exception {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private static JsonNode object(JsonNode n, String field) throws Bad {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new Bad(field + ": missing or not an object");
        }
        return v;
    }

    private static String text(JsonNode n, String field, int maxChars) throws Bad {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new Bad(field + ": missing or not a string");
        }
        if (v.textValue().length() > maxChars) {
            throw new Bad(field + ": longer than " + maxChars + " characters");
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode n, String field) throws Bad {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new Bad(field + ": missing or not true/false");
        }
        return v.booleanValue();
    }

    private static long count(JsonNode n, String field) throws Bad {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0
                || v.longValue() > JournalHealth.MAX_COUNT) {
            throw new Bad("journal." + field + ": missing or not an integer in 0.." + JournalHealth.MAX_COUNT);
        }
        return v.longValue();
    }
}
