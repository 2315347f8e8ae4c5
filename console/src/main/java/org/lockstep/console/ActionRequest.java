package org.lockstep.console;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.lockstep.controller.mqtt.CommandDecoder;

/**
 * The body of {@code POST /api/action}, checked before anything is signed: {@code {"action": "lockdown"|"secure"|"drill"|
 * "all-clear", "zone": "<zone id>"}} with {@code zone} optional (the whole site) and nothing else. Who may send which
 * is decided by {@link ActionRoutes} (DRILL and ALL CLEAR need an operator who has signed in).
 */
record ActionRequest(String action, Optional<String> zone) {
    /** Bodies longer than this are refused unread. */
    static final int MAX_BODY_BYTES = 1_024;
    static final Set<String> ACTIONS = Set.of("lockdown", "secure", "drill", "all-clear");

    /** A refused request: the HTTP status and the reason the page shows. */
    record Refused(int status, String reason) {}

    sealed interface Parsed {
        record Ok(ActionRequest request) implements Parsed {}

        record No(Refused refused) implements Parsed {}
    }

    static Parsed parse(byte[] body, Set<String> zones) {
        if (body.length > MAX_BODY_BYTES) {
            return no(413, "request larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode n;
        try {
            n = CommandDecoder.STRICT.readTree(body);
        } catch (IOException e) {
            return no(400, "not valid JSON");
        }
        if (n == null || !n.isObject()) {
            return no(400, "the body must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals("action") && !f.equals("zone")) {
                return no(400, "unknown field '" + ConsoleDecoder.clip(f) + "'");
            }
        }
        JsonNode a = n.get("action");
        if (a == null || !a.isTextual()) {
            return no(400, "field 'action' must be a string");
        }
        String action = a.asText();
        if (action.equals("allclear") || action.equals("ALL_CLEAR")) {
            action = "all-clear";
        }
        if (!ACTIONS.contains(action)) {
            return no(400, "unknown action '" + ConsoleDecoder.clip(action) + "': lockdown, secure, drill or all-clear");
        }
        JsonNode z = n.get("zone");
        Optional<String> zone = Optional.empty();
        if (z != null && !z.isNull()) {
            if (!z.isTextual() || !zones.contains(z.asText())) {
                return no(400, "no zone " + (z.isTextual() ? "'" + ConsoleDecoder.clip(z.asText()) + "'" : z.getNodeType())
                        + " in the site file");
            }
            zone = Optional.of(z.asText());
        }
        return new Parsed.Ok(new ActionRequest(action, zone));
    }

    private static Parsed no(int status, String reason) {
        return new Parsed.No(new Refused(status, reason));
    }

    /** What the page and the journal call it: "LOCKDOWN (site)", "DRILL (zone east)". */
    String label() {
        return action.replace('-', ' ').toUpperCase(java.util.Locale.ROOT) + zone.map(z -> " (zone " + z + ")").orElse(" (site)");
    }
}
