package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.Source;

/**
 * Decodes a site-bus message (a request started on one controller: its panic button, its detector) written by
 * {@link Payloads#share}. Pure. Exact JSON types, no unknown fields ({@code signature} is checked after this decoder,
 * by {@link PeerInput}), {@code from} a controller of the site, {@code zone} null or a zone of the site, and the
 * share what a controller ever shares: a LOCKDOWN started by a panic button or detector wired to the controller in
 * {@code from}. The core then checks the source against the site (a panic button may only start the LOCKDOWN its site
 * file allows), so even a share signed with a stolen controller key does no more than that controller's devices
 * could; the broker's ACL should still let only controllers write {@code bus/#}.
 */
public final class BusDecoder {
    private static final Set<String> FIELDS = Set.of("id", "mode", "zone", "drill", "source", "reason", "from", "at",
            "signature");

    public sealed interface Decoded {
        /** @param message the parsed message, which the signature covers (checked by {@link PeerInput}) */
        record Share(String fromControllerId, Event.ModeRequested request, ObjectNode message) implements Decoded {
            public Share {
                Objects.requireNonNull(fromControllerId, "fromControllerId");
                Objects.requireNonNull(request, "request");
                Objects.requireNonNull(message, "message");
            }
        }

        /** @param kind a fixed key for the health counters; {@code reason} the detail */
        record Invalid(String kind, String reason) implements Decoded {
            public Invalid {
                Objects.requireNonNull(kind, "kind");
                Objects.requireNonNull(reason, "reason");
            }

            /** Only a forger sends these (raises {@code PEER_FORGED}): no controller of the site writes them. */
            public boolean forged() {
                return kind.equals("UNKNOWN_CONTROLLER") || kind.equals("NOT_A_SHARE");
            }
        }
    }

    private final Site site;
    private final Set<String> controllers;

    public BusDecoder(Site site) {
        this.site = Objects.requireNonNull(site, "site");
        this.controllers = site.controllers().stream().map(ControllerSpec::id)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public Decoded decode(byte[] payload) {
        if (payload.length > MqttLimits.MAX_INBOUND_BYTES) {
            return new Decoded.Invalid("TOO_LARGE", "share too large: " + payload.length + " bytes");
        }
        JsonNode n;
        try {
            n = CommandDecoder.STRICT.readTree(payload);
        } catch (IOException e) {
            return new Decoded.Invalid("NOT_JSON", "not valid JSON");
        }
        if (n == null || !n.isObject()) {
            return new Decoded.Invalid("NOT_JSON", "not a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                return new Decoded.Invalid("UNKNOWN_FIELD", "unknown field '" + CommandDecoder.clip(f) + "'");
            }
        }
        try {
            String from = text(n, "from");
            if (!controllers.contains(from)) {
                return new Decoded.Invalid("UNKNOWN_CONTROLLER", "share from controller '" + CommandDecoder.clip(from)
                        + "', which the site does not have");
            }
            String id = text(n, "id");
            Mode mode = switch (text(n, "mode")) {
                case "NORMAL" -> Mode.NORMAL;
                case "SECURE" -> Mode.SECURE;
                case "LOCKDOWN" -> Mode.LOCKDOWN;
                default -> throw new IllegalArgumentException("field 'mode' must be NORMAL, SECURE or LOCKDOWN");
            };
            JsonNode zone = n.get("zone");
            Scope scope;
            if (zone == null || zone.isNull()) {
                scope = Scope.SITE;
            } else if (zone.isTextual() && site.zone(zone.asText()).isPresent()) {
                scope = Scope.zone(zone.asText());
            } else {
                return new Decoded.Invalid("UNKNOWN_ZONE", "field 'zone' must be null or a zone of the site");
            }
            JsonNode drill = n.get("drill");
            if (drill == null || !drill.isBoolean()) {
                return new Decoded.Invalid("WRONG_TYPE", "field 'drill' must be true or false");
            }
            JsonNode src = n.get("source");
            if (src == null || !src.isObject() || src.size() != 2) {
                return new Decoded.Invalid("WRONG_TYPE", "field 'source' must be {\"kind\": ..., \"id\": ...}");
            }
            String srcId = text(src, "id");
            Source source = switch (text(src, "kind")) {
                case "operator" -> new Source.Operator(srcId);
                case "panic_button" -> new Source.PanicButton(srcId);
                case "detector" -> new Source.Detector(srcId);
                default -> throw new IllegalArgumentException("unknown source kind");
            };
            // A controller shares only what its own panic buttons and detectors start: a LOCKDOWN. Anything else
            // (an operator's request, an ALL CLEAR, another controller's device) no controller writes, so even a
            // signature cannot make it one: a stolen controller key shares that controller's devices, nothing more.
            boolean own = switch (source) {
                case Source.PanicButton b -> site.panicButton(b.id()).filter(x -> x.controller().equals(from))
                        .isPresent();
                case Source.Detector d -> site.detector(d.id()).filter(x -> x.controller().equals(from)).isPresent();
                case Source.Operator o -> false;
            };
            if (!own || mode != Mode.LOCKDOWN) {
                return new Decoded.Invalid("NOT_A_SHARE", "a share is a LOCKDOWN started by a panic button or "
                        + "detector of the controller in 'from'; this is " + mode + " from " + source + " via '"
                        + CommandDecoder.clip(from) + "'");
            }
            String reason = text(n, "reason");
            if (reason.length() > MqttLimits.MAX_PEER_REASON_CHARS) {
                return new Decoded.Invalid("TOO_LONG", "field 'reason' too long");
            }
            JsonNode at = n.get("at");
            if (at != null && !at.isTextual()) {
                return new Decoded.Invalid("WRONG_TYPE", "field 'at' must be a string");
            }
            return new Decoded.Share(Ids.require("from", from), new Event.ModeRequested(id, mode, scope,
                    drill.booleanValue(), source, reason), (ObjectNode) n);
        } catch (IllegalArgumentException e) {
            return new Decoded.Invalid("WRONG_TYPE", CommandDecoder.clip(String.valueOf(e.getMessage())));
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
