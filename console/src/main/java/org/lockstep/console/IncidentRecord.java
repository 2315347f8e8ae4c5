package org.lockstep.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.ZoneSpec;
import org.lockstep.controller.mqtt.CommandDecoder;

/**
 * One incident of the drill log as {@link IncidentStore} keeps it: one JSON object a line. Read back as untrusted
 * input ({@link #parse}): every field present with its exact type, nothing else, texts bounded, times in range and in
 * order, zones and doors the site file has. Times are the console's wall clock (ms since the epoch), -1 for "not yet".
 *
 * @param savedMs when the console last recorded this incident (for an open one: the last moment it is known to have
 *                watched it)
 * @param gaps    the stretches during the incident when the console was not watching (stopped or restarted)
 */
record IncidentRecord(String id, Mode mode, boolean drill, List<String> zones, long startMs, boolean startSeen,
        String trigger, String reason, List<String> everSecured, long allSecuredMs, long endMs, String endedBy,
        long savedMs, List<Gap> gaps) {
    static final Pattern ID = Pattern.compile("i[0-9]{1,15}");
    /** A restart during an incident is one gap; beyond this many the last one is stretched (the count still shows). */
    static final int MAX_GAPS = 16;
    /** Year 9999: a time beyond it is not one the console wrote. */
    static final long MAX_MS = 253_402_300_799_999L;
    /** A trigger is "kind id": a kind of at most 32 and an id of at most 256 characters (ConsoleDecoder). */
    static final int MAX_TEXT_CHARS = 2 * ConsoleDecoder.MAX_TEXT_CHARS;
    private static final Set<String> FIELDS = Set.of("id", "mode", "drill", "zones", "start", "startSeen", "trigger",
            "reason", "everSecured", "allSecured", "end", "endedBy", "saved", "gaps");

    /** The console was not watching from {@code fromMs} to {@code toMs}. */
    record Gap(long fromMs, long toMs) {
        Gap {
            if (fromMs < 0 || toMs < fromMs || toMs > MAX_MS) {
                throw new IllegalArgumentException("gaps: each must be {from, to} with 0 <= from <= to");
            }
        }
    }

    IncidentRecord {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be i followed by 1-15 digits (ms of the console's clock)");
        }
        if (mode == Mode.NORMAL) {
            throw new IllegalArgumentException("mode must be SECURE or LOCKDOWN: an incident is never NORMAL");
        }
        zones = List.copyOf(zones);
        everSecured = List.copyOf(everSecured);
        gaps = List.copyOf(gaps);
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("zones must name at least one zone");
        }
        if (startMs < 0 || startMs > MAX_MS) {
            throw new IllegalArgumentException("start out of range");
        }
        if (allSecuredMs != -1 && (allSecuredMs < startMs || allSecuredMs > MAX_MS)) {
            throw new IllegalArgumentException("allSecured must be -1 or between start and year 9999");
        }
        if (endMs != -1 && (endMs < startMs || endMs > MAX_MS)) {
            throw new IllegalArgumentException("end must be -1 or between start and year 9999");
        }
        if (savedMs < startMs || savedMs > MAX_MS) {
            throw new IllegalArgumentException("saved must be between start and year 9999");
        }
        if (gaps.size() > MAX_GAPS) {
            throw new IllegalArgumentException("gaps: at most " + MAX_GAPS);
        }
        for (String t : List.of(trigger, reason, endedBy)) {
            if (t.length() > MAX_TEXT_CHARS) {
                throw new IllegalArgumentException("texts are at most " + MAX_TEXT_CHARS + " characters");
            }
        }
    }

    boolean open() {
        return endMs < 0;
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", id).put("mode", mode.name()).put("drill", drill);
        zones.forEach(n.putArray("zones")::add);
        n.put("start", startMs).put("startSeen", startSeen).put("trigger", trigger).put("reason", reason);
        everSecured.forEach(n.putArray("everSecured")::add);
        n.put("allSecured", allSecuredMs).put("end", endMs).put("endedBy", endedBy).put("saved", savedMs);
        ArrayNode ga = n.putArray("gaps");
        gaps.forEach(g -> ga.addObject().put("from", g.fromMs()).put("to", g.toMs()));
        return n;
    }

    /** Thrown by {@link #parse}: the line is not a record of ours, and why. */
    static final class Bad extends Exception {
        Bad(String message) {
            super(message);
        }
    }

    /** One line of the file, read as untrusted: a record, or {@link Bad} saying why not. Nothing else escapes. */
    static IncidentRecord parse(String line, Site site) throws Bad {
        JsonNode n;
        try {
            n = CommandDecoder.STRICT.readTree(line);
        } catch (IOException | RuntimeException e) {
            throw new Bad("not JSON (" + ConsoleDecoder.clip(String.valueOf(e.getMessage())) + ")");
        }
        if (n == null || !n.isObject()) {
            throw new Bad("not a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new Bad("unknown field '" + ConsoleDecoder.clip(f) + "'");
            }
        }
        Set<String> siteZones = new HashSet<>(site.zones().stream().map(ZoneSpec::id).toList());
        Set<String> siteDoors = new HashSet<>(site.doors().stream().map(DoorSpec::id).toList());
        List<Gap> gaps = new ArrayList<>();
        JsonNode gs = field(n, "gaps");
        if (!gs.isArray() || gs.size() > MAX_GAPS) {
            throw new Bad("field 'gaps' must be an array of at most " + MAX_GAPS);
        }
        for (JsonNode g : gs) {
            if (!g.isObject() || g.size() != 2) {
                throw new Bad("field 'gaps' must hold {from, to} objects");
            }
            gaps.add(new Gap(time(g, "from"), time(g, "to")));
        }
        String mode = text(n, "mode");
        if (!mode.equals("SECURE") && !mode.equals("LOCKDOWN")) {
            throw new Bad("field 'mode' must be SECURE or LOCKDOWN");
        }
        try {
            return new IncidentRecord(text(n, "id"), Mode.valueOf(mode), bool(n, "drill"),
                    ids(n, "zones", siteZones, "zone"), time(n, "start"), bool(n, "startSeen"), text(n, "trigger"),
                    text(n, "reason"), ids(n, "everSecured", siteDoors, "door"), time(n, "allSecured"),
                    time(n, "end"), text(n, "endedBy"), time(n, "saved"), gaps);
        } catch (IllegalArgumentException e) {
            throw new Bad(e.getMessage());
        }
    }

    private static JsonNode field(JsonNode n, String name) throws Bad {
        JsonNode v = n.get(name);
        if (v == null) {
            throw new Bad("missing field '" + name + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String name) throws Bad {
        JsonNode v = field(n, name);
        if (!v.isTextual() || v.asText().length() > MAX_TEXT_CHARS) {
            throw new Bad("field '" + name + "' must be a string of at most " + MAX_TEXT_CHARS
                    + " characters");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String name) throws Bad {
        JsonNode v = field(n, name);
        if (!v.isBoolean()) {
            throw new Bad("field '" + name + "' must be true or false");
        }
        return v.asBoolean();
    }

    private static long time(JsonNode n, String name) throws Bad {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < -1 || v.asLong() > MAX_MS) {
            throw new Bad("field '" + name + "' must be a whole number of ms since the epoch (or -1)");
        }
        return v.asLong();
    }

    /** An array of distinct ids, each one the site file has. */
    private static List<String> ids(JsonNode n, String name, Set<String> known, String what) throws Bad {
        JsonNode v = field(n, name);
        if (!v.isArray() || v.size() > known.size()) {
            throw new Bad("field '" + name + "' must be an array of at most " + known.size() + " " + what + " ids");
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || !known.contains(e.asText())) {
                throw new Bad("field '" + name + "': " + ConsoleDecoder.clip(e.toString()) + " is not a " + what
                        + " of the site file");
            }
            if (!seen.add(e.asText())) {
                throw new Bad("field '" + name + "': " + e.asText() + " is there twice");
            }
            out.add(e.asText());
        }
        return out;
    }
}
