package org.lockstep.console;

import static org.lockstep.console.ConsoleDecoder.object;
import static org.lockstep.console.ConsoleDecoder.reject;
import static org.lockstep.console.ConsoleDecoder.text;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.mqtt.CommandDecoder;
import org.lockstep.controller.mqtt.ControllerInfo;

/**
 * The console's boundary for what describes the fleet rather than the building: each controller's {@code info} and
 * {@code uplink} records and each door's last lock-audit finding. Called by {@link ConsoleDecoder} once it has checked
 * the size, the prefix and the topic's shape; the ids in the topic are checked here against the site file. An empty
 * payload is a cleared retained message (the record is forgotten, not refused). Pure; never throws.
 */
final class FleetDecoder {
    private FleetDecoder() {}

    /** {@code controller/<id>/info}: read by the controllers' own strict reader, then the topic and body must agree. */
    static ConsoleDecoder.Update info(String topic, String controllerId, byte[] payload) {
        if (payload.length == 0) {
            return new ConsoleDecoder.Update.InfoSeen(controllerId, Optional.empty());
        }
        return switch (ControllerInfo.decode(payload)) {
            case ControllerInfo.Decoded.Unreadable u -> reject(topic, "controller info refused: " + u.reason());
            case ControllerInfo.Decoded.Readable r when !r.info().controller().equals(controllerId) ->
                    reject(topic, "field 'controller' is '" + ConsoleDecoder.clip(r.info().controller())
                            + "', the topic says " + controllerId);
            case ControllerInfo.Decoded.Readable r ->
                    new ConsoleDecoder.Update.InfoSeen(controllerId, Optional.of(r.info()));
        };
    }

    /** {@code controller/<id>/uplink}: every count the page sums must be there, a whole number in bounds. */
    static ConsoleDecoder.Update uplink(String topic, String controllerId, byte[] payload) {
        if (payload.length == 0) {
            return new ConsoleDecoder.Update.UplinkSeen(controllerId, Optional.empty());
        }
        JsonNode n = object(payload);
        if (n == null) {
            return reject(topic, "not a JSON object");
        }
        JsonNode c = n.get("controller");
        if (c == null || !c.isTextual() || !c.textValue().equals(controllerId)) {
            return reject(topic, "field 'controller' must be the string '" + controllerId + "' (the topic's)");
        }
        String[] fields = {"reconnects", "queuedOrdered", "queuedEvents", "droppedOrdered", "droppedEvents",
                "droppedStaleShares", "refusedRetained", "commandsRejected", "invalidShares", "peerZonesRejected",
                "forgedPeerMessages"};
        long[] v = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            JsonNode f = n.get(fields[i]);
            if (f == null || !f.isIntegralNumber() || !f.canConvertToLong() || f.longValue() < 0
                    || f.longValue() > UplinkCounts.MAX_COUNT) {
                return reject(topic, "field '" + fields[i] + "' must be a whole number in 0.." + UplinkCounts.MAX_COUNT);
            }
            v[i] = f.longValue();
        }
        // Sums of at most 4 counts of at most 1e12 each: no overflow.
        return new ConsoleDecoder.Update.UplinkSeen(controllerId, Optional.of(new UplinkCounts(v[0], v[1] + v[2],
                v[3] + v[4] + v[5] + v[6], v[7] + v[8] + v[9], v[10])));
    }

    /** {@code audit/door/<door>} as {@code lockstep audit} publishes it: {@code door, room, zone, passed, detail, at}. */
    static ConsoleDecoder.Update audit(String topic, DoorSpec door, byte[] payload) {
        if (payload.length == 0) {
            return new ConsoleDecoder.Update.AuditSeen(door.id(), Optional.empty());
        }
        JsonNode n = object(payload);
        if (n == null) {
            return reject(topic, "not a JSON object");
        }
        Optional<String> bad = text(n, "door", true).or(() -> text(n, "room", false)).or(() -> text(n, "zone", false))
                .or(() -> text(n, "detail", false)).or(() -> text(n, "at", true));
        if (bad.isPresent()) {
            return reject(topic, bad.get());
        }
        JsonNode passed = n.get("passed");
        if (passed == null || !passed.isBoolean()) {
            return reject(topic, "field 'passed' must be true or false");
        }
        if (!n.get("door").textValue().equals(door.id())) {
            return reject(topic, "field 'door' is '" + ConsoleDecoder.clip(n.get("door").textValue())
                    + "', the topic says " + door.id());
        }
        if (n.hasNonNull("zone") && !n.get("zone").textValue().equals(door.zone())) {
            return reject(topic, "field 'zone' is '" + ConsoleDecoder.clip(n.get("zone").textValue())
                    + "'; the site file puts " + door.id() + " in " + door.zone());
        }
        String at = n.get("at").textValue();
        try {
            Instant.parse(at);
        } catch (DateTimeException e) {
            return reject(topic, "field 'at' must be an ISO-8601 instant, was '" + ConsoleDecoder.clip(at) + "'");
        }
        String detail = n.hasNonNull("detail") ? n.get("detail").textValue() : "";
        return new ConsoleDecoder.Update.AuditSeen(door.id(),
                Optional.of(new ConsoleDecoder.Update.Finding(passed.booleanValue(), detail, at)));
    }
}
