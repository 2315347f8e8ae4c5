package org.lockstep.console;

import static org.lockstep.console.ConsoleDecoder.bool;
import static org.lockstep.console.ConsoleDecoder.clip;
import static org.lockstep.console.ConsoleDecoder.enumOf;
import static org.lockstep.console.ConsoleDecoder.object;
import static org.lockstep.console.ConsoleDecoder.opt;
import static org.lockstep.console.ConsoleDecoder.reject;
import static org.lockstep.console.ConsoleDecoder.text;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.console.ConsoleDecoder.Trust;
import org.lockstep.console.ConsoleDecoder.Update;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.KeyRing;
import org.lockstep.controller.trust.PeerVerifier;
import org.lockstep.controller.trust.Verdict;

/**
 * A zone's retained mode ({@code <p>/zone/<zone>/mode}, written by the controllers' {@code Payloads.zone}), for
 * {@link ConsoleDecoder}: exact types, a controller of the site, a version in bounds, and the signature checked exactly
 * as controllers check a peer's ({@link PeerVerifier}, as {@code PeerInput} wires it; no crypto of our own). Anyone on
 * the broker can publish a retained NORMAL on a zone in lockdown: everything refused here is an
 * {@link Update.ZoneRefused}, which the page shows as a problem of that zone (never only a count). Pure.
 */
final class ZoneModeDecoder {
    private static final Pattern TRIGGER_KIND = Pattern.compile("[a-z_]{1,32}");

    private final Set<String> controllers;
    /** Empty when the site file lists no controller keys: zone modes are then shown {@link Trust#UNVERIFIED}. */
    private final Optional<PeerVerifier> verifier;

    ZoneModeDecoder(Set<String> controllers, KeyRing keys) {
        this.controllers = controllers;
        boolean controllerKeys = keys.holders().values().stream().anyMatch(h -> h.kind() == KeyHolder.Kind.CONTROLLER);
        this.verifier = controllerKeys ? Optional.of(new PeerVerifier(keys)) : Optional.empty();
    }

    /** @param zoneId a zone of the site file (the caller checked the topic's zone) */
    Update decode(String topic, String zoneId, byte[] payload) {
        if (payload.length == 0) {
            return reject(topic, "cleared (empty); the zone keeps its mode"); // controllers never clear it
        }
        JsonNode n = object(payload);
        if (n == null) {
            return refuseZone(topic, zoneId, "malformed", "not a JSON object");
        }
        Optional<String> bad = text(n, "mode", true).or(() -> bool(n, "drill")).or(() -> text(n, "since", false))
                .or(() -> text(n, "zone", false)).or(() -> text(n, "reason", false)).or(() -> trigger(n))
                .or(() -> text(n, "controller", true)).or(() -> version(n));
        if (bad.isPresent()) {
            return refuseZone(topic, zoneId, "malformed", bad.get());
        }
        if (n.hasNonNull("zone") && !n.get("zone").asText().equals(zoneId)) {
            return refuseZone(topic, zoneId, "malformed", "field 'zone' is '" + clip(n.get("zone").asText())
                    + "', the topic says " + zoneId);
        }
        String controller = n.get("controller").asText();
        if (!controllers.contains(controller)) {
            return refuseZone(topic, zoneId, "not a controller of this site", "names controller '" + clip(controller)
                    + "', which the site file does not have");
        }
        Optional<Mode> mode = enumOf(Mode.class, n.get("mode").asText());
        if (mode.isEmpty()) {
            return refuseZone(topic, zoneId, "malformed", "unknown mode '" + clip(n.get("mode").asText()) + "'");
        }
        Trust trust = Trust.UNVERIFIED;
        if (verifier.isPresent()) {
            // The controllers' own check (PeerVerifier, as PeerInput wires it): any controller of the site may publish
            // any zone's mode (each tracks every zone), so the claim checked is only "signed by the named controller".
            Verdict v;
            try {
                v = verifier.get().verify(topic, (ObjectNode) n, controller);
            } catch (RuntimeException e) {
                return refuseZone(topic, zoneId, "verification failed", e.toString()); // a bug: refused, not shown
            }
            if (v instanceof Verdict.Refused r) {
                return refuseZone(topic, zoneId, r.reason().words(), r.detail());
            }
            trust = Trust.VERIFIED;
        }
        JsonNode t = n.get("trigger");
        String trigger = t == null || t.isNull() ? "" : t.get("kind").textValue() + " " + t.get("id").textValue();
        return new Update.Zone(zoneId, mode.get(), n.get("drill").asBoolean(), opt(n, "since"), trigger,
                opt(n, "reason"), controller, n.get("version").longValue(), trust);
    }

    private static Optional<String> version(JsonNode n) {
        JsonNode v = n.get("version");
        return v != null && v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0
                && v.longValue() <= ZoneMode.MAX_VERSION ? Optional.empty()
                : Optional.of("field 'version' must be an integer 0.." + ZoneMode.MAX_VERSION);
    }

    private static Update refuseZone(String topic, String zoneId, String why, String detail) {
        return new Update.ZoneRefused(clip(topic), zoneId, why, detail);
    }

    /** A zone mode's {@code trigger}: null, or {@code {kind, id}} as Payloads.source writes it. */
    private static Optional<String> trigger(JsonNode n) {
        JsonNode t = n.get("trigger");
        if (t == null || t.isNull()) {
            return Optional.empty();
        }
        if (!t.isObject()) {
            return Optional.of("field 'trigger' must be an object or null");
        }
        JsonNode kind = t.get("kind");
        if (kind == null || !kind.isTextual() || !TRIGGER_KIND.matcher(kind.textValue()).matches()) {
            return Optional.of("field 'trigger.kind' must be 1-32 of a-z and _");
        }
        return text(t, "id", true).map(r -> "trigger: " + r);
    }
}
