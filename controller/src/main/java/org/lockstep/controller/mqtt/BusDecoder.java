package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;

/**
 * Decodes a site-bus message (a request started on one controller: its panic button, its detector) written by
 * {@link Payloads#share}. Pure. The core checks the source against the site (a panic button may only start the
 * LOCKDOWN its site file allows), so a forged share can do no more than that device could; the broker's ACL should
 * still let only controllers write {@code bus/#}.
 */
public final class BusDecoder {
    public sealed interface Decoded {
        record Share(String fromControllerId, Event.ModeRequested request) implements Decoded {
            public Share {
                Objects.requireNonNull(fromControllerId, "fromControllerId");
                Objects.requireNonNull(request, "request");
            }
        }

        record Invalid(String reason) implements Decoded {}
    }

    private BusDecoder() {}

    public static Decoded decode(byte[] payload) {
        if (payload.length > MqttLimits.MAX_INBOUND_BYTES) {
            return new Decoded.Invalid("share too large: " + payload.length + " bytes");
        }
        JsonNode n;
        try {
            n = CommandDecoder.STRICT.readTree(payload);
        } catch (IOException e) {
            return new Decoded.Invalid("not valid JSON");
        }
        if (n == null || !n.isObject()) {
            return new Decoded.Invalid("not a JSON object");
        }
        try {
            String id = text(n, "id");
            Mode mode = Mode.valueOf(text(n, "mode"));
            JsonNode zone = n.get("zone");
            Scope scope = zone == null || zone.isNull() ? Scope.SITE : Scope.zone(Ids.require("zone", zone.asText()));
            JsonNode drill = n.get("drill");
            if (drill == null || !drill.isBoolean()) {
                return new Decoded.Invalid("field 'drill' must be true or false");
            }
            JsonNode src = n.get("source");
            if (src == null || !src.isObject()) {
                return new Decoded.Invalid("field 'source' must be an object");
            }
            String srcId = text(src, "id");
            Source source = switch (text(src, "kind")) {
                case "operator" -> new Source.Operator(srcId);
                case "panic_button" -> new Source.PanicButton(srcId);
                case "detector" -> new Source.Detector(srcId);
                default -> throw new IllegalArgumentException("unknown source kind");
            };
            String from = Ids.require("from", text(n, "from"));
            return new Decoded.Share(from, new Event.ModeRequested(id, mode, scope, drill.asBoolean(), source,
                    text(n, "reason")));
        } catch (IllegalArgumentException e) {
            return new Decoded.Invalid(CommandDecoder.clip(String.valueOf(e.getMessage())));
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return v.asText();
    }
}
