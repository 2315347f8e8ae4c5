package org.lockstep.controller.mqtt;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.ZoneMode;

/**
 * The JSON of every message Lockstep publishes (schemas in {@code docs/asyncapi.yaml}). Times are given twice: ISO-8601
 * wall clock for people ({@code since}, {@code at}) and the controller's monotonic milliseconds ({@code sinceMs},
 * {@code atMs}) for ordering within one controller.
 */
public final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String controllerId;
    private final WallClock wall;

    public Payloads(String controllerId, WallClock wall) {
        this.controllerId = controllerId;
        this.wall = wall;
    }

    public ObjectNode door(DoorView d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("door", d.doorId());
        n.put("status", d.status().name());
        n.put("open", d.open());
        // "locked" is what a person means: closed with the lock thrown (SECURED). What the relay was told is separate.
        n.put("locked", d.status() == DoorStatus.SECURED);
        n.put("lockCommanded", d.lockCommanded());
        n.put("zone", d.zone());
        n.put("room", d.room());
        n.put("role", d.role() == null ? null : d.role().name());
        n.put("since", wall.iso(d.sinceMs()));
        n.put("sinceMs", d.sinceMs());
        n.put("seq", d.seq());
        n.put("detail", bounded(d.detail()));
        n.put("drill", d.drill());
        n.put("controller", controllerId);
        return n;
    }

    public ObjectNode zone(String zoneId, ZoneMode m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("zone", zoneId);
        n.put("mode", m.mode().name());
        n.put("drill", m.drill());
        n.put("since", wall.iso(m.sinceMs()));
        n.put("sinceMs", m.sinceMs());
        if (m.trigger().isPresent()) {
            n.set("trigger", source(m.trigger().get()));
        } else {
            n.putNull("trigger");
        }
        n.put("reason", m.reason());
        n.put("version", m.version());
        n.put("controller", controllerId);
        return n;
    }

    public ObjectNode alert(String alertId, Alert a, long atMs) {
        return alert(alertId, a.kind().name(), a.subjectId(), a.room(), a.zone(), a.detail(), a.drill(), atMs);
    }

    /** Also used for the uplink's own alerts (e.g. {@code UPLINK_DROPPED}), which the core does not know about. */
    public ObjectNode alert(String alertId, String kind, String subject, String room, String zone, String detail,
            boolean drill, long atMs) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", alertId);
        n.put("kind", kind);
        n.put("subject", subject);
        n.put("room", room);
        n.put("zone", zone);
        n.put("detail", bounded(detail));
        n.put("drill", drill);
        n.put("controller", controllerId);
        n.put("at", wall.iso(atMs));
        n.put("atMs", atMs);
        return n;
    }

    public ObjectNode result(String commandId, boolean accepted, String reason, long atMs) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", commandId);
        n.put("controller", controllerId);
        n.put("accepted", accepted);
        n.put("reason", bounded(reason));
        n.put("at", wall.iso(atMs));
        return n;
    }

    /** At most {@link MqttLimits#MAX_PUBLISHED_TEXT_CHARS}, ending in "…" when cut, never half a surrogate pair. */
    static String bounded(String text) {
        int max = MqttLimits.MAX_PUBLISHED_TEXT_CHARS;
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    public ObjectNode result(Command.Reply r, long atMs) {
        return result(r.requestId(), r.accepted(), r.reason(), atMs);
    }

    /** A request for every controller of the site (panic button, detector). Decoded by {@link BusDecoder}. */
    public ObjectNode share(Event.ModeRequested r, long atMs) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.requestId());
        n.put("mode", r.mode().name());
        switch (r.scope()) {
            case Scope.Site s -> n.putNull("zone");
            case Scope.Zone z -> n.put("zone", z.zoneId());
        }
        n.put("drill", r.drill());
        n.set("source", source(r.source()));
        n.put("reason", r.reason());
        n.put("from", controllerId);
        n.put("at", wall.iso(atMs));
        return n;
    }

    static ObjectNode source(Source s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", switch (s) {
            case Source.Operator o -> "operator";
            case Source.PanicButton p -> "panic_button";
            case Source.Detector d -> "detector";
        });
        n.put("id", s.id());
        return n;
    }

    /** An event-stream record: the same fields as the message it mirrors, plus {@code type}. */
    public static ObjectNode event(String type, ObjectNode body) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        n.setAll(body);
        return n;
    }

    public static byte[] bytes(ObjectNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a tree of strings and numbers always serialises", e);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
