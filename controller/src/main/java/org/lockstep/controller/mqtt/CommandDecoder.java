package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;

/**
 * Turns a command message into a core request, or a rejection with a reason. Pure: no MQTT client, no clock, no
 * state. The envelope (documented in {@code docs/mqtt.md}):
 *
 * <pre>{ "id": "c-2024-0001", "action": "LOCKDOWN", "drill": false, "operator": "rivera", "reason": "...",
 *   "zone": "east", "issuedAt": 1796385600000, "signature": "base64..." }</pre>
 *
 * <ul>
 *   <li>The topic decides the scope: {@code cmd/site} the whole site, {@code cmd/zone/<zone>} that zone,
 *       {@code cmd/controller/<id>} the whole site as seen by that controller only (or one zone with {@code zone}).
 *       {@code zone} in the body is allowed only where it cannot contradict the topic: equal to the zone topic's
 *       zone, or on a controller topic. On the site topic it is refused: a sender who meant a zone must not lock the
 *       whole site by mistake, and one who meant the site must not be silently narrowed.</li>
 *   <li>Unknown fields are refused: a misspelt {@code "dril"} must not run a real lockdown as if it were a drill.
 *       Every field's JSON type is exact, and {@code null} is refused (except {@code signature}): {@code "drill":
 *       null}, {@code "true"} or {@code 1} is not a drill, it is refused with the reason.</li>
 *   <li>{@code signature} (base64) and {@code issuedAt} (ms since 1970) sign the command (docs/SECURITY.md); only
 *       their types are checked here, the signature itself in {@link CommandHandler}.</li>
 *   <li>The id is kept as the core's request id: the core answers a repeat as before and changes nothing.</li>
 *   <li>A retained message is refused unread: a command left on the broker would otherwise be re-run by every
 *       controller that (re)connects.</li>
 * </ul>
 */
public final class CommandDecoder {
    /** A command id: one topic level, a UUID fits; starts with a letter or digit. */
    public static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,"
            + (MqttLimits.MAX_COMMAND_ID_CHARS - 1) + "}");
    private static final Set<String> FIELDS = Set.of("id", "action", "drill", "zone", "operator", "reason",
            "issuedAt", "signature");

    /** Strict JSON for everything inbound: duplicate keys and trailing tokens are errors. */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Why a command was refused, as counted in the uplink health ({@code rejected.command.<KIND>}). */
    public enum Refusal {
        TOO_LARGE, EMPTY, NOT_JSON, NOT_OBJECT, RETAINED, MISSING_FIELD, WRONG_TYPE, BAD_ID, UNKNOWN_FIELD,
        UNKNOWN_ACTION, TOO_LONG, SIGNATURE, WRONG_TOPIC, UNKNOWN_ZONE, ZONE_CONTRADICTS,
        /** The network lane refused it (full or rate-limited): retry with the same id. */
        BUSY
    }

    /** The outcome: a request for the core, or a rejection to answer on the result topic. */
    public sealed interface Decoded {
        record Request(Event.ModeRequested request) implements Decoded {
            public Request {
                Objects.requireNonNull(request, "request");
            }
        }

        /**
         * A lock-audit or commissioning step for this controller ({@code LOCK_TEST}, {@code LOCK_TESTED} or
         * {@code COMMISSIONED} on {@code cmd/controller/<id>} only; see {@link FacilitiesDecoder}): the core checks
         * the operator and that the zone is NORMAL before it drives a lock.
         */
        record Audit(Event event) implements Decoded {
            public Audit {
                if (!(event instanceof Event.LockTestRequested) && !(event instanceof Event.LockTested)
                        && !(event instanceof Event.Commissioned)) {
                    throw new IllegalArgumentException("not an audit or commissioning event: " + event);
                }
            }
        }

        /**
         * @param commandId the id if one could be read, so the answer goes to its result topic
         * @param kind what was wrong, as a fixed key (counted in the uplink health)
         * @param reason what was wrong, for the sender (the result topic)
         */
        record Rejected(Optional<String> commandId, Refusal kind, String reason) implements Decoded {
            public Rejected {
                Objects.requireNonNull(commandId, "commandId");
                Objects.requireNonNull(kind, "kind");
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    private final String controllerId;
    private final Set<String> zoneIds;
    private final FacilitiesDecoder facilities;

    /** A decoder that knows no devices of its own: every COMMISSIONED record is refused (for tests of the rest). */
    public CommandDecoder(String controllerId, Set<String> zoneIds) {
        this(controllerId, zoneIds, Set.of());
    }

    /**
     * @param zoneIds the site's zones: a zone topic for another zone is refused here, with a clear reason
     * @param deviceIds this controller's devices in the site file (doors, panic buttons, fire inputs, detectors): a
     *     commissioning record for anything else is refused here
     */
    public CommandDecoder(String controllerId, Set<String> zoneIds, Set<String> deviceIds) {
        this.controllerId = Ids.require("controllerId", controllerId);
        this.zoneIds = Set.copyOf(zoneIds);
        this.facilities = new FacilitiesDecoder(controllerId, deviceIds);
    }

    public Decoded decode(Topics.CommandTarget target, byte[] payload, boolean retained) {
        if (payload.length > MqttLimits.MAX_COMMAND_BYTES) {
            return reject(Optional.empty(), Refusal.TOO_LARGE, "command too large: " + payload.length
                    + " bytes, the limit is " + MqttLimits.MAX_COMMAND_BYTES);
        }
        if (payload.length == 0) {
            return reject(Optional.empty(), Refusal.EMPTY, "empty command (a cleared retained message?): ignored");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(payload);
        } catch (IOException e) {
            return reject(Optional.empty(), Refusal.NOT_JSON, "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return reject(Optional.empty(), Refusal.NOT_OBJECT, "a command must be a JSON object");
        }
        Optional<String> id = Optional.ofNullable(root.get("id"))
                .filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(s -> COMMAND_ID.matcher(s).matches());
        if (retained) {
            return reject(id, Refusal.RETAINED, "retained command ignored: commands must not be retained (clear it "
                    + "with an empty retained message); nothing was done");
        }
        JsonNode idNode = root.get("id");
        if (idNode == null) {
            return reject(id, Refusal.MISSING_FIELD, "missing field 'id'");
        }
        if (!idNode.isTextual()) {
            return reject(id, Refusal.WRONG_TYPE, "field 'id' must be a string" + nullNote(idNode));
        }
        if (id.isEmpty()) {
            return reject(id, Refusal.BAD_ID, "field 'id' must be 1-" + MqttLimits.MAX_COMMAND_ID_CHARS
                    + " of A-Z a-z 0-9 _ . : - starting with a letter or digit");
        }
        JsonNode action = root.get("action");
        if (action != null && action.isTextual() && FacilitiesDecoder.ACTIONS.contains(action.asText())) {
            return facilities.decode(target, root, id.get());
        }
        Optional<Decoded> unknown = unknownField(root, FIELDS, id);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        if (action == null) {
            return reject(id, Refusal.MISSING_FIELD, "missing field 'action' (LOCKDOWN, SECURE or ALL_CLEAR)");
        }
        if (!action.isTextual()) {
            return reject(id, Refusal.WRONG_TYPE, "field 'action' must be a string: LOCKDOWN, SECURE or ALL_CLEAR"
                    + nullNote(action));
        }
        Mode mode = switch (action.asText()) {
            case "LOCKDOWN" -> Mode.LOCKDOWN;
            case "SECURE" -> Mode.SECURE;
            case "ALL_CLEAR" -> Mode.NORMAL;
            default -> null;
        };
        if (mode == null) {
            return reject(id, Refusal.UNKNOWN_ACTION, "unknown action '" + clip(action.asText())
                    + "' (LOCKDOWN, SECURE or ALL_CLEAR)");
        }
        // Absent means a real command; present, it must be exactly true or false. "drill": null (or "true", 1) is
        // refused: a sender who meant a drill must never run a real lockdown because of a type.
        boolean drill = false;
        JsonNode drillNode = root.get("drill");
        if (drillNode != null) {
            if (!drillNode.isBoolean()) {
                return reject(id, Refusal.WRONG_TYPE, "field 'drill' must be true or false" + nullNote(drillNode)
                        + " (leave it out for a real command)");
            }
            drill = drillNode.booleanValue();
        }
        JsonNode opNode = root.get("operator");
        if (opNode == null) {
            return reject(id, Refusal.MISSING_FIELD, "missing field 'operator' (who gives this command)");
        }
        if (!opNode.isTextual() || !Ids.isValid(opNode.asText())) {
            return reject(id, Refusal.WRONG_TYPE, "field 'operator' must be an operator id: " + Ids.RULE
                    + nullNote(opNode));
        }
        String reason = "";
        JsonNode reasonNode = root.get("reason");
        if (reasonNode != null) {
            if (!reasonNode.isTextual()) {
                return reject(id, Refusal.WRONG_TYPE, "field 'reason' must be a string" + nullNote(reasonNode)
                        + " (leave it out if there is none)");
            }
            reason = reasonNode.asText();
            if (reason.length() > MqttLimits.MAX_REASON_CHARS) {
                return reject(id, Refusal.TOO_LONG, "field 'reason' is longer than " + MqttLimits.MAX_REASON_CHARS
                        + " characters");
            }
        }
        Optional<Decoded> sig = signature(root, id);
        if (sig.isPresent()) {
            return sig.get();
        }
        Optional<String> bodyZone = Optional.empty();
        JsonNode zoneNode = root.get("zone");
        if (zoneNode != null) {
            if (!zoneNode.isTextual()) {
                return reject(id, Refusal.WRONG_TYPE, "field 'zone' must be a string" + nullNote(zoneNode)
                        + " (leave it out for the topic's scope)");
            }
            bodyZone = Optional.of(zoneNode.asText());
        }
        Scope scope;
        switch (target) {
            case Topics.CommandTarget.Site s -> {
                if (bodyZone.isPresent()) {
                    return reject(id, Refusal.WRONG_TOPIC, "field 'zone' is not allowed on the site topic: send a "
                            + "zone command to cmd/zone/" + clip(bodyZone.get()));
                }
                scope = Scope.SITE;
            }
            case Topics.CommandTarget.Zone z -> {
                if (!zoneIds.contains(z.zoneId())) {
                    return reject(id, Refusal.UNKNOWN_ZONE, "unknown zone '" + clip(z.zoneId()) + "'");
                }
                if (bodyZone.isPresent() && !bodyZone.get().equals(z.zoneId())) {
                    return reject(id, Refusal.ZONE_CONTRADICTS, "field 'zone' ('" + clip(bodyZone.get())
                            + "') contradicts the topic's zone '" + z.zoneId() + "'");
                }
                scope = Scope.zone(z.zoneId());
            }
            case Topics.CommandTarget.Controller c -> {
                if (!c.controllerId().equals(controllerId)) {
                    return reject(id, Refusal.WRONG_TOPIC, "command for controller '" + clip(c.controllerId())
                            + "', this is '" + controllerId + "'");
                }
                if (bodyZone.isPresent() && !zoneIds.contains(bodyZone.get())) {
                    return reject(id, Refusal.UNKNOWN_ZONE, "unknown zone '" + clip(bodyZone.get()) + "'");
                }
                scope = bodyZone.map(Scope::zone).orElse(Scope.SITE);
            }
        }
        return new Decoded.Request(new Event.ModeRequested(id.get(), mode, scope, drill,
                new Source.Operator(opNode.asText()), reason));
    }

    static Optional<Decoded> unknownField(JsonNode root, Set<String> allowed, Optional<String> id) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                return Optional.of(reject(id, Refusal.UNKNOWN_FIELD, "unknown field '" + clip(f) + "'"));
            }
        }
        return Optional.empty();
    }

    /**
     * The shape of the signing fields: {@code signature} a string (or absent/null: refused later as unsigned, with that
     * reason), {@code issuedAt} an integer. Whether the signature is good is {@link CommandHandler}'s question (it
     * needs the key ring, the wall clock and the ids seen; this decoder is pure).
     */
    static Optional<Decoded> signature(JsonNode root, Optional<String> id) {
        JsonNode sig = root.get("signature");
        if (sig != null && !sig.isNull() && !sig.isTextual()) {
            return Optional.of(reject(id, Refusal.WRONG_TYPE, "field 'signature' must be a string (base64)"));
        }
        JsonNode issued = root.get("issuedAt");
        if (issued != null && !issued.isIntegralNumber()) {
            return Optional.of(reject(id, Refusal.WRONG_TYPE, "field 'issuedAt' must be an integer (milliseconds "
                    + "since 1970)" + nullNote(issued)));
        }
        return Optional.empty();
    }

    private static String nullNote(JsonNode n) {
        return n.isNull() ? ", not null" : "";
    }

    static Decoded reject(Optional<String> id, Refusal kind, String reason) {
        return new Decoded.Rejected(id, kind, reason);
    }

    /** A value from a message, clipped for a reason or a log line. */
    public static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return clip(nl < 0 ? s : s.substring(0, nl));
    }
}
