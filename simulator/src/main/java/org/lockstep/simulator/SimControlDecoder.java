package org.lockstep.simulator;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.mqtt.CommandDecoder;
import org.lockstep.controller.mqtt.MqttLimits;

/**
 * Decodes {@code <prefix>/sim/...} messages into {@link SimCommand}s. Pure. Returns the command, or throws
 * {@link IllegalArgumentException} with the reason (published on {@code sim/rejected}).
 *
 * <pre>
 * sim/panic/&lt;button&gt;              any payload
 * sim/door/&lt;door&gt;/open|close|prop  any payload
 * sim/detector/&lt;detector&gt;          {"sensor":"lane-1","confidence":92,"location":"main entrance"}
 * sim/fire/&lt;alarm&gt;                 {"active":true}
 * sim/fault/&lt;device&gt;               {"fault":"JAM_BOLT"}   (JAM_BOLT, STICK_RELAY, FAIL_RELAY, CUT_CONTACT, CUT_BOLT,
 *                                   DETECTOR_SILENT, DETECTOR_GARBAGE, POWER_CUT, REPAIR)
 * </pre>
 */
public final class SimControlDecoder {
    private SimControlDecoder() {}

    /** @param rest the topic after {@code <prefix>/sim/} */
    public static SimCommand decode(String rest, byte[] payload, boolean retained) {
        if (retained) {
            throw new IllegalArgumentException("retained sim control message ignored");
        }
        if (payload.length > MqttLimits.MAX_INBOUND_BYTES) {
            throw new IllegalArgumentException("sim control message too large: " + payload.length + " bytes");
        }
        String[] p = rest.split("/", -1);
        switch (p[0]) {
            case "panic" -> {
                need(p.length == 2, "sim/panic/<button>");
                return new SimCommand.PressPanic(Ids.require("button", p[1]));
            }
            case "door" -> {
                need(p.length == 3, "sim/door/<door>/open|close|prop");
                SimCommand.DoorMove move = switch (p[2]) {
                    case "open" -> SimCommand.DoorMove.OPEN;
                    case "close" -> SimCommand.DoorMove.CLOSE;
                    case "prop" -> SimCommand.DoorMove.PROP;
                    default -> throw new IllegalArgumentException("door action must be open, close or prop, was '"
                            + CommandDecoder.clip(p[2]) + "'");
                };
                return new SimCommand.MoveDoor(Ids.require("door", p[1]), move);
            }
            case "detector" -> {
                need(p.length == 2, "sim/detector/<detector>");
                JsonNode n = json(payload);
                JsonNode conf = n.get("confidence");
                need(conf != null && conf.isInt() && conf.asInt() >= 0 && conf.asInt() <= 100,
                        "field 'confidence' must be a whole number 0..100");
                return new SimCommand.DetectorEvent(Ids.require("detector", p[1]), text(n, "sensor", "sensor-1"),
                        conf.asInt(), text(n, "location", ""));
            }
            case "fire" -> {
                need(p.length == 2, "sim/fire/<alarm>");
                JsonNode active = json(payload).get("active");
                need(active != null && active.isBoolean(), "field 'active' must be true or false");
                return new SimCommand.FireAlarm(Ids.require("alarm", p[1]), active.asBoolean());
            }
            case "fault" -> {
                need(p.length == 2, "sim/fault/<device>");
                String f = text(json(payload), "fault", "");
                try {
                    return new SimCommand.InjectFault(Ids.require("device", p[1]),
                            SimCommand.FaultKind.valueOf(f.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown fault '" + CommandDecoder.clip(f) + "'");
                }
            }
            default -> throw new IllegalArgumentException("unknown sim topic 'sim/" + CommandDecoder.clip(rest) + "'");
        }
    }

    private static void need(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("expected " + what);
        }
    }

    private static JsonNode json(byte[] payload) {
        try {
            JsonNode n = CommandDecoder.STRICT.readTree(payload);
            need(n != null && n.isObject(), "a JSON object");
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
    }

    private static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        need(v.isTextual(), "field '" + field + "' to be a string");
        return v.asText();
    }
}
