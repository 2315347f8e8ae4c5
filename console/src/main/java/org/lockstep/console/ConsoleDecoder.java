package org.lockstep.console;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.mqtt.CommandDecoder;
import org.lockstep.controller.mqtt.MqttLimits;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.trust.KeyRing;
import org.lockstep.controller.trust.PeerVerifier;

/**
 * The console's boundary: every message from the broker becomes an {@link Update} or a {@link Update.Rejected} that
 * says why. Ids are checked against the site file (a door the site does not have is refused, not added), every field
 * has its exact JSON type, texts are bounded, payloads larger than {@link MqttLimits#MAX_INBOUND_BYTES} are refused
 * unread. Pure, and total: no input makes {@link #decode} throw (the fuzz in {@code ConsoleDecoderTest} checks it).
 * The controllers' own decoders cover what controllers read (commands, peer shares); what a console reads (door
 * statuses, zone modes, alerts, availability, command results) had no decoder, so it is here; the fleet topics
 * (controller info and uplink health, lock-audit findings) are read by {@link FleetDecoder}.
 *
 * <p>Zone modes are also checked for their signature exactly as controllers check a peer's ({@link PeerVerifier}):
 * anyone on the broker can publish a retained NORMAL on a zone in lockdown. What is refused on a zone's topic is an
 * {@link Update.ZoneRefused}, which the page shows as a problem; door statuses and alerts are not signed at all.
 */
public final class ConsoleDecoder {
    /** A text field of a status or alert longer than this is refused (a controller's detail is far shorter). */
    static final int MAX_TEXT_CHARS = 256;
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    /** Whether a zone mode's signature was checked. */
    public enum Trust {
        /** Signed by the key the site file lists for the controller the message names, not revoked. */
        VERIFIED,
        /** The site file lists no controller keys, so nothing could be checked: shown, marked unverified. */
        UNVERIFIED
    }

    /** What one message means to the console. */
    public sealed interface Update {
        /** A door's retained status; {@code status} empty when the retained message was cleared. */
        record Door(String doorId, Optional<DoorStatus> status, boolean drill, String since, String detail)
                implements Update {}

        /** @param trigger who or what set the mode, "operator okafor", "panic_button pb-104"; "" if not said */
        /**
         * A zone mode that passed the checks: signed by the controller it names ({@link Trust#VERIFIED}), or, on a site
         * whose file lists no controller keys at all, shown marked {@link Trust#UNVERIFIED} (never silently trusted).
         *
         * @param controllerId the controller that published it; {@code version} its version of the zone's mode
         */
        record Zone(String zoneId, Mode mode, boolean drill, String since, String trigger, String reason,
                String controllerId, long version, Trust trust) implements Update {
            public Zone(String zoneId, Mode mode, boolean drill, String since) {
                this(zoneId, mode, drill, since, "", "");
            }

            /** A verified zone mode from no particular controller (tests of what the page does with a mode). */
            public Zone(String zoneId, Mode mode, boolean drill, String since, String trigger, String reason) {
                this(zoneId, mode, drill, since, trigger, reason, "", 0, Trust.VERIFIED);
            }
        }

        /**
         * A message on a zone of the site's mode topic that is not shown as the zone's mode: unsigned, badly signed,
         * signed by a key that is not the named controller's, revoked, or malformed. The zone keeps its last verified
         * mode; the page shows the problem ({@link ZoneTrust}).
         *
         * @param why a few words for the page ("unsigned", "bad signature", "malformed"); {@code detail} for the log
         */
        record ZoneRefused(String topic, String zoneId, String why, String detail) implements Update {}

        record AlertRaised(String kind, String subject, String room, String zone, String detail, boolean drill,
                String at) implements Update {}

        record Availability(String controllerId, boolean online) implements Update {}

        record Result(String commandId, String controllerId, boolean accepted, String reason) implements Update {}

        /** A controller's retained {@code info} ({@link FleetDecoder}); empty when the retained message was cleared. */
        record InfoSeen(String controllerId, Optional<org.lockstep.controller.mqtt.ControllerInfo> info)
                implements Update {}

        /** A controller's retained uplink health; empty when cleared. */
        record UplinkSeen(String controllerId, Optional<UplinkCounts> counts) implements Update {}

        /** A door's last lock-audit finding ({@code lockstep audit}); empty when cleared. */
        record AuditSeen(String doorId, Optional<Finding> finding) implements Update {}

        /** One lock-audit finding; {@code at} is an ISO-8601 instant. */
        record Finding(boolean passed, String detail, String at) {}

        /** Refused at the boundary: nothing in the console changes; the reason is logged (rate-limited by the caller). */
        record Rejected(String topic, String reason) implements Update {}
    }

    private final Topics topics;
    private final Map<String, DoorSpec> doors;
    private final Set<String> zones;
    private final Set<String> controllers;
    private final ZoneModeDecoder zoneModes;

    /** For a site whose file lists no keys: every zone mode is shown {@link Trust#UNVERIFIED}. */
    public ConsoleDecoder(Site site, Topics topics) {
        this(site, topics, KeyRing.EMPTY);
    }

    /** @param keys the site file's keys: zone modes are checked against its controllers' keys, as controllers do */
    public ConsoleDecoder(Site site, Topics topics, KeyRing keys) {
        this.topics = topics;
        this.doors = site.doors().stream().collect(Collectors.toUnmodifiableMap(DoorSpec::id, Function.identity()));
        this.zones = site.zones().stream().map(z -> z.id()).collect(Collectors.toUnmodifiableSet());
        this.controllers = site.controllers().stream().map(c -> c.id()).collect(Collectors.toUnmodifiableSet());
        this.zoneModes = new ZoneModeDecoder(controllers, keys);
    }

    /** The topic filters the console subscribes to (not {@code #}: the sim's control topics are none of its business). */
    public Set<String> filters() {
        String p = topics.prefix();
        return Set.of(p + "/door/+/status", p + "/zone/+/mode", p + "/alert", p + "/controller/+/availability",
                p + "/cmd/result/+/+", p + "/controller/+/info", p + "/controller/+/uplink", p + "/audit/door/+");
    }

    public Update decode(String topic, byte[] payload) {
        try {
            return decodeOrThrow(topic == null ? "" : topic, payload == null ? new byte[0] : payload);
        } catch (RuntimeException e) {
            // Every path below is meant to return; this is the last line that keeps "nothing from outside can throw".
            return new Update.Rejected(String.valueOf(topic), "unexpected: " + e);
        }
    }

    private Update decodeOrThrow(String topic, byte[] payload) {
        if (payload.length > MqttLimits.MAX_INBOUND_BYTES) {
            return reject(topic, "payload of " + payload.length + " bytes; the limit is " + MqttLimits.MAX_INBOUND_BYTES);
        }
        String p = topics.prefix() + "/";
        if (!topic.startsWith(p)) {
            return reject(topic, "not under the site's prefix " + topics.prefix());
        }
        String[] parts = topic.substring(p.length()).split("/", -1);
        if (parts.length == 3 && parts[0].equals("door") && parts[2].equals("status")) {
            return door(topic, parts[1], payload);
        }
        if (parts.length == 3 && parts[0].equals("zone") && parts[2].equals("mode")) {
            return zones.contains(parts[1]) ? zoneModes.decode(topic, parts[1], payload)
                    : reject(topic, "no zone '" + clip(parts[1]) + "' in the site file");
        }
        if (parts.length == 1 && parts[0].equals("alert")) {
            return alert(topic, payload);
        }
        if (parts.length == 3 && parts[0].equals("controller") && parts[2].equals("availability")) {
            if (!controllers.contains(parts[1])) {
                return reject(topic, "no controller '" + clip(parts[1]) + "' in the site file");
            }
            String s = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
            return switch (s) {
                case "online" -> new Update.Availability(parts[1], true);
                case "offline", "" -> new Update.Availability(parts[1], false);
                default -> reject(topic, "availability must be online or offline, was '" + clip(s) + "'");
            };
        }
        if (parts.length == 3 && parts[0].equals("controller") && (parts[2].equals("info")
                || parts[2].equals("uplink"))) {
            if (!controllers.contains(parts[1])) {
                return reject(topic, "no controller '" + clip(parts[1]) + "' in the site file");
            }
            return parts[2].equals("info") ? FleetDecoder.info(topic, parts[1], payload)
                    : FleetDecoder.uplink(topic, parts[1], payload);
        }
        if (parts.length == 3 && parts[0].equals("audit") && parts[1].equals("door")) {
            DoorSpec spec = doors.get(parts[2]);
            return spec == null ? reject(topic, "no door '" + clip(parts[2]) + "' in the site file")
                    : FleetDecoder.audit(topic, spec, payload);
        }
        if (parts.length == 4 && parts[0].equals("cmd") && parts[1].equals("result")) {
            return result(topic, parts[2], parts[3], payload);
        }
        return reject(topic, "not a topic the console reads");
    }

    private Update door(String topic, String doorId, byte[] payload) {
        DoorSpec spec = doors.get(doorId);
        if (spec == null) {
            return reject(topic, "no door '" + clip(doorId) + "' in the site file");
        }
        if (payload.length == 0) {
            return new Update.Door(doorId, Optional.empty(), false, "", "");
        }
        JsonNode n = object(payload);
        if (n == null) {
            return reject(topic, "not a JSON object");
        }
        Optional<String> bad = text(n, "door", true).or(() -> text(n, "status", true))
                .or(() -> bool(n, "drill")).or(() -> text(n, "since", false)).or(() -> text(n, "detail", false))
                .or(() -> text(n, "zone", false)).or(() -> text(n, "controller", false));
        if (bad.isPresent()) {
            return reject(topic, bad.get());
        }
        if (!n.get("door").asText().equals(doorId)) {
            return reject(topic, "field 'door' is '" + clip(n.get("door").asText()) + "', the topic says " + doorId);
        }
        if (n.hasNonNull("zone") && !n.get("zone").asText().equals(spec.zone())) {
            return reject(topic, "field 'zone' is '" + clip(n.get("zone").asText()) + "'; the site file puts " + doorId
                    + " in " + spec.zone());
        }
        if (n.hasNonNull("controller") && !n.get("controller").asText().equals(spec.controller())) {
            return reject(topic, "published by '" + clip(n.get("controller").asText()) + "'; the site file gives "
                    + doorId + " to " + spec.controller());
        }
        Optional<DoorStatus> status = enumOf(DoorStatus.class, n.get("status").asText());
        if (status.isEmpty()) {
            return reject(topic, "unknown status '" + clip(n.get("status").asText()) + "'");
        }
        return new Update.Door(doorId, status, n.get("drill").asBoolean(), opt(n, "since"), opt(n, "detail"));
    }

    private Update alert(String topic, byte[] payload) {
        JsonNode n = object(payload);
        if (n == null) {
            return reject(topic, "not a JSON object");
        }
        Optional<String> bad = text(n, "kind", true).or(() -> bool(n, "drill")).or(() -> text(n, "subject", false))
                .or(() -> text(n, "room", false)).or(() -> text(n, "zone", false)).or(() -> text(n, "detail", false))
                .or(() -> text(n, "at", false));
        if (bad.isPresent()) {
            return reject(topic, bad.get());
        }
        String kind = n.get("kind").asText();
        if (!KIND.matcher(kind).matches()) {
            return reject(topic, "field 'kind' must be 1-48 of A-Z 0-9 _, was '" + clip(kind) + "'");
        }
        String zone = opt(n, "zone");
        if (!zone.isEmpty() && !zones.contains(zone)) {
            return reject(topic, "no zone '" + clip(zone) + "' in the site file");
        }
        String subject = opt(n, "subject");
        String room = opt(n, "room");
        DoorSpec door = doors.get(subject);
        if (door != null && room.isEmpty()) {
            room = door.room(); // the site file names the room when the alert did not
        }
        return new Update.AlertRaised(kind, subject, room, zone, opt(n, "detail"), n.get("drill").asBoolean(),
                opt(n, "at"));
    }

    private Update result(String topic, String commandId, String controllerId, byte[] payload) {
        if (!COMMAND_ID.matcher(commandId).matches()) {
            return reject(topic, "not a command id: '" + clip(commandId) + "'");
        }
        if (!controllers.contains(controllerId)) {
            return reject(topic, "no controller '" + clip(controllerId) + "' in the site file");
        }
        JsonNode n = object(payload);
        if (n == null) {
            return reject(topic, "not a JSON object");
        }
        Optional<String> bad = bool(n, "accepted").or(() -> text(n, "reason", false));
        if (bad.isPresent()) {
            return reject(topic, bad.get());
        }
        return new Update.Result(commandId, controllerId, n.get("accepted").asBoolean(), opt(n, "reason"));
    }

    /** The payload as a JSON object, or null: nothing a payload holds may throw out of the decoder. */
    static JsonNode object(byte[] payload) {
        try {
            JsonNode n = CommandDecoder.STRICT.readTree(payload);
            return n != null && n.isObject() ? n : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Empty if {@code field} is a string of at most {@link #MAX_TEXT_CHARS} (or absent/null and not required). */
    static Optional<String> text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return required ? Optional.of("missing field '" + field + "'") : Optional.empty();
        }
        if (!v.isTextual()) {
            return Optional.of("field '" + field + "' must be a string");
        }
        if (v.asText().length() > MAX_TEXT_CHARS) {
            return Optional.of("field '" + field + "' longer than " + MAX_TEXT_CHARS + " characters");
        }
        return Optional.empty();
    }

    static Optional<String> bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isBoolean() ? Optional.empty()
                : Optional.of("field '" + field + "' must be true or false");
    }

    static String opt(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static Update reject(String topic, String reason) {
        return new Update.Rejected(clip(topic), reason);
    }

    /** A piece of outside text in a message of ours: bounded, one line. */
    static String clip(String s) {
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() <= 64 ? one : one.substring(0, 64) + "...";
    }
}
