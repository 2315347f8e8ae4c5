package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.ZoneMode;

/**
 * Decodes a peer controller's retained zone mode ({@code <p>/zone/<zone>/mode}, written by {@link Payloads#zone})
 * into a {@link Event.PeerModeSeen} for the core, which alone judges whether it is news (the escalation rule). Pure.
 * Everything is checked against the site file and exact JSON types, because anyone on the broker can publish here and
 * a zone mode is retained (a forgery would be read by every controller that connects):
 * <ul>
 *   <li>the topic's zone is a zone of the site, and the body's {@code zone} equals it;</li>
 *   <li>{@code controller} is a controller of the site; this controller's own messages are ignored;</li>
 *   <li>{@code version} is a JSON integer in 0..{@link ZoneMode#MAX_VERSION} (0, a controller's start state, is
 *       never news and is ignored);</li>
 *   <li>{@code mode} is NORMAL, SECURE or LOCKDOWN; {@code drill} is exactly true or false;</li>
 *   <li>{@code trigger} is null or {@code {"kind": operator|panic_button|detector, "id": <one of the site's>}};</li>
 *   <li>{@code reason}, {@code since} strings, {@code sinceMs} an integer; {@code signature} (checked after this
 *       decoder, by {@link PeerInput}); no other field; the payload at most {@link MqttLimits#MAX_INBOUND_BYTES},
 *       checked before parsing.</li>
 * </ul>
 * These cheap checks come first, so a flood of junk costs no signature verification.
 * Rejections from a sender the site cannot have sent (unknown controller, zone contradicting its topic, version out of
 * bounds) are marked {@code forged}: the uplink raises an alert for them.
 */
public final class PeerZoneDecoder {
    private static final Set<String> FIELDS = Set.of("zone", "mode", "drill", "since", "sinceMs", "trigger", "reason",
            "version", "controller", "signature");

    /** Why a peer zone mode was refused, as counted in the uplink health ({@code rejected.peerZone.<KIND>}). */
    public enum Refusal {
        TOO_LARGE, NOT_JSON, UNKNOWN_FIELD, WRONG_TYPE, UNKNOWN_ZONE, ZONE_CONTRADICTS, UNKNOWN_CONTROLLER,
        VERSION_OUT_OF_BOUNDS, UNKNOWN_TRIGGER, TOO_LONG;

        /** Only a forger sends these: a controller of this site never would, whatever its site file. */
        public boolean forged() {
            return this == UNKNOWN_CONTROLLER || this == ZONE_CONTRADICTS || this == VERSION_OUT_OF_BOUNDS;
        }
    }

    public sealed interface Decoded {
        /**
         * A well-formed peer zone mode, for the core to judge once its signature is checked ({@link PeerInput}).
         *
         * @param message the parsed message, which the signature covers
         */
        record Peer(Event.PeerModeSeen event, ObjectNode message) implements Decoded {
            public Peer {
                Objects.requireNonNull(event, "event");
                Objects.requireNonNull(message, "message");
            }
        }

        /** Not for the core, and not wrong: this controller's own message, or a cleared (empty) retained topic. */
        record Ignored() implements Decoded {}

        record Rejected(Refusal kind, String reason) implements Decoded {
            public Rejected {
                Objects.requireNonNull(kind, "kind");
                Objects.requireNonNull(reason, "reason");
            }

            public boolean forged() {
                return kind.forged();
            }
        }
    }

    private final String controllerId;
    private final Site site;
    private final Set<String> controllers;

    public PeerZoneDecoder(String controllerId, Site site) {
        this.controllerId = Ids.require("controllerId", controllerId);
        this.site = Objects.requireNonNull(site, "site");
        this.controllers = site.controllers().stream().map(ControllerSpec::id)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** @param topicZone the {@code <zone>} level of the topic it came on */
    public Decoded decode(String topicZone, byte[] payload) {
        if (payload.length == 0) {
            return new Decoded.Ignored();
        }
        if (payload.length > MqttLimits.MAX_INBOUND_BYTES) {
            return reject(Refusal.TOO_LARGE, "zone mode too large: " + payload.length + " bytes, the limit is "
                    + MqttLimits.MAX_INBOUND_BYTES);
        }
        if (site.zone(topicZone).isEmpty()) {
            return reject(Refusal.UNKNOWN_ZONE, "zone mode on the topic of unknown zone '"
                    + CommandDecoder.clip(topicZone) + "'");
        }
        JsonNode n;
        try {
            n = CommandDecoder.STRICT.readTree(payload);
        } catch (IOException e) {
            return reject(Refusal.NOT_JSON, "zone mode for " + topicZone + " is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            return reject(Refusal.NOT_JSON, "zone mode for " + topicZone + " is not a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                return reject(Refusal.UNKNOWN_FIELD, "zone mode for " + topicZone + ": unknown field '"
                        + CommandDecoder.clip(f) + "'");
            }
        }
        JsonNode controller = n.get("controller");
        if (controller == null || !controller.isTextual()) {
            return reject(Refusal.WRONG_TYPE, "zone mode for " + topicZone + ": field 'controller' must be a string");
        }
        String peer = controller.asText();
        if (!controllers.contains(peer)) {
            return reject(Refusal.UNKNOWN_CONTROLLER, "zone mode for " + topicZone + " from controller '"
                    + CommandDecoder.clip(peer) + "', which the site does not have");
        }
        JsonNode zone = n.get("zone");
        if (zone != null && !(zone.isTextual() && zone.asText().equals(topicZone))) {
            return reject(Refusal.ZONE_CONTRADICTS, "zone mode on the topic of zone '" + topicZone + "' names zone '"
                    + CommandDecoder.clip(zone.asText()) + "' (from " + peer + ")");
        }
        JsonNode version = n.get("version");
        if (version == null || !version.isIntegralNumber()) {
            return reject(version == null || !version.isNumber() ? Refusal.WRONG_TYPE : Refusal.VERSION_OUT_OF_BOUNDS,
                    "zone mode for " + topicZone + " from " + peer + ": field 'version' must be an integer");
        }
        if (!version.canConvertToLong() || version.longValue() < 0 || version.longValue() > ZoneMode.MAX_VERSION) {
            return reject(Refusal.VERSION_OUT_OF_BOUNDS, "zone mode for " + topicZone + " from " + peer
                    + ": version " + CommandDecoder.clip(version.asText()) + " is outside 0.." + ZoneMode.MAX_VERSION);
        }
        JsonNode modeNode = n.get("mode");
        Optional<Mode> mode = modeNode != null && modeNode.isTextual() ? mode(modeNode.asText()) : Optional.empty();
        if (mode.isEmpty()) {
            return reject(Refusal.WRONG_TYPE, "zone mode for " + topicZone + " from " + peer
                    + ": field 'mode' must be NORMAL, SECURE or LOCKDOWN");
        }
        JsonNode drill = n.get("drill");
        if (drill == null || !drill.isBoolean()) {
            return reject(Refusal.WRONG_TYPE, "zone mode for " + topicZone + " from " + peer
                    + ": field 'drill' must be true or false");
        }
        if (mode.get() == Mode.NORMAL && drill.booleanValue()) {
            return reject(Refusal.WRONG_TYPE, "zone mode for " + topicZone + " from " + peer
                    + ": NORMAL is never a drill");
        }
        JsonNode reasonNode = n.get("reason");
        String reason = "";
        if (reasonNode != null) {
            if (!reasonNode.isTextual()) {
                return reject(Refusal.WRONG_TYPE, "zone mode for " + topicZone + " from " + peer
                        + ": field 'reason' must be a string");
            }
            reason = reasonNode.asText();
            if (reason.length() > MqttLimits.MAX_PEER_REASON_CHARS) {
                return reject(Refusal.TOO_LONG, "zone mode for " + topicZone + " from " + peer + ": reason longer than "
                        + MqttLimits.MAX_PEER_REASON_CHARS + " characters");
            }
        }
        JsonNode since = n.get("since");
        JsonNode sinceMs = n.get("sinceMs");
        if ((since != null && !since.isTextual()) || (sinceMs != null && !sinceMs.isIntegralNumber())) {
            return reject(Refusal.WRONG_TYPE, "zone mode for " + topicZone + " from " + peer
                    + ": 'since' must be a string and 'sinceMs' an integer");
        }
        Optional<Source> trigger;
        JsonNode t = n.get("trigger");
        if (t == null || t.isNull()) {
            trigger = Optional.empty();
        } else {
            trigger = trigger(t);
            if (trigger.isEmpty()) {
                return reject(Refusal.UNKNOWN_TRIGGER, "zone mode for " + topicZone + " from " + peer
                        + ": field 'trigger' must be null or an operator, panic button or detector of the site");
            }
        }
        if (peer.equals(controllerId)) {
            // Our own, echoed back. Checked after the forgery checks: a forger may claim any id, this one's too.
            return new Decoded.Ignored();
        }
        if (version.longValue() == 0) {
            return new Decoded.Ignored(); // a controller's start (NORMAL, no change yet): never news
        }
        return new Decoded.Peer(new Event.PeerModeSeen(peer, topicZone, mode.get(), drill.booleanValue(), trigger,
                reason, version.longValue()), (ObjectNode) n);
    }

    private Optional<Source> trigger(JsonNode t) {
        if (!t.isObject() || t.size() != 2) {
            return Optional.empty();
        }
        JsonNode kind = t.get("kind");
        JsonNode id = t.get("id");
        if (kind == null || !kind.isTextual() || id == null || !id.isTextual() || !Ids.isValid(id.asText())) {
            return Optional.empty();
        }
        String i = id.asText();
        return switch (kind.asText()) {
            case "operator" -> site.operator(i).map(o -> new Source.Operator(i));
            case "panic_button" -> site.panicButton(i).map(b -> new Source.PanicButton(i));
            case "detector" -> site.detector(i).map(d -> new Source.Detector(i));
            default -> Optional.empty();
        };
    }

    private static Optional<Mode> mode(String s) {
        for (Mode m : Mode.values()) {
            if (m.name().equals(s)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static Decoded reject(Refusal kind, String reason) {
        return new Decoded.Rejected(kind, reason);
    }
}
