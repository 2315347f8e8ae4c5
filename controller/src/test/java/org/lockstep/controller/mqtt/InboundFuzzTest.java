package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.ZoneMode;

/**
 * Property-based fuzz of the inbound decoders: generated and mutated payloads. No exception escapes a decoder, and a
 * message that breaks a rule never becomes an event (an independent oracle says which generated messages are valid).
 * Tries per property: {@code -Djqwik.tries.default} (1,000 in {@code mvn verify}, 1,000,000 with {@code -Plong}).
 */
class InboundFuzzTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Site SITE = MqttFixture.site(3, 2, 2);
    static final Set<String> ZONES = Set.of("z0", "z1");
    final CommandDecoder commands = new CommandDecoder("c0", ZONES);
    final PeerZoneDecoder peers = new PeerZoneDecoder("c0", SITE);
    final BusDecoder bus = new BusDecoder(SITE);

    // ---- Values of every JSON type, the near misses included.

    @Provide
    Arbitrary<JsonNode> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.of(JSON.nullNode(), JSON.getNodeFactory().booleanNode(true),
                        JSON.getNodeFactory().booleanNode(false), JSON.getNodeFactory().textNode("true"),
                        JSON.getNodeFactory().textNode("false"), JSON.getNodeFactory().textNode(""),
                        JSON.getNodeFactory().numberNode(1), JSON.getNodeFactory().numberNode(0),
                        JSON.getNodeFactory().numberNode(-1), JSON.getNodeFactory().numberNode(1.5),
                        JSON.getNodeFactory().numberNode(Long.MAX_VALUE),
                        JSON.getNodeFactory().numberNode(ZoneMode.MAX_VERSION),
                        JSON.getNodeFactory().numberNode(ZoneMode.MAX_VERSION + 1),
                        JSON.getNodeFactory().numberNode(new java.math.BigInteger("99999999999999999999999")),
                        JSON.createArrayNode(), JSON.createObjectNode()),
                Arbitraries.of("LOCKDOWN", "SECURE", "ALL_CLEAR", "NORMAL", "lockdown", "LOCK_TEST", "LOCK_TESTED",
                        "rivera", "office", "janitor", "mallory", "c0", "c1", "c2", "ghost", "z0", "z1", "gym",
                        "c0-d0", "c1-d1", "a/b#", "operator", "panic_button", "detector", "robot", "x".repeat(300))
                        .map(s -> (JsonNode) JSON.getNodeFactory().textNode(s)),
                Arbitraries.strings().ofMaxLength(20).map(s -> (JsonNode) JSON.getNodeFactory().textNode(s)),
                Arbitraries.longs().map(l -> (JsonNode) JSON.getNodeFactory().numberNode(l)),
                trigger());
    }

    Arbitrary<JsonNode> trigger() {
        return Combinators.combine(Arbitraries.of("operator", "panic_button", "detector", "robot"),
                Arbitraries.of("rivera", "office", "okafor", "")).as((k, i) -> {
                    ObjectNode t = JSON.createObjectNode();
                    t.put("kind", k);
                    t.put("id", i);
                    return (JsonNode) t;
                });
    }

    /** An object of fields drawn from {@code names} (known and unknown), each with a value of any type. */
    Arbitrary<ObjectNode> objects(List<String> names) {
        return Arbitraries.maps(Arbitraries.of(names), anyValue()).ofMaxSize(names.size()).map(m -> {
            ObjectNode n = JSON.createObjectNode();
            m.forEach(n::set);
            return n;
        });
    }

    @Provide
    Arbitrary<ObjectNode> commandObjects() {
        return objects(List.of("id", "action", "drill", "zone", "operator", "reason", "signature", "door", "lock",
                "passed", "detail", "dril", "issuedAt"));
    }

    @Provide
    Arbitrary<ObjectNode> zoneObjects() {
        return objects(List.of("zone", "mode", "drill", "since", "sinceMs", "trigger", "reason", "version",
                "controller", "signature", "force"));
    }

    @Provide
    Arbitrary<Topics.CommandTarget> targets() {
        return Arbitraries.of(new Topics.CommandTarget.Site(), new Topics.CommandTarget.Zone("z0"),
                new Topics.CommandTarget.Zone("gym"), new Topics.CommandTarget.Controller("c0"),
                new Topics.CommandTarget.Controller("c1"));
    }

    /** A valid message, then one byte-level mutation: truncated, a byte replaced, or a byte inserted. */
    static Arbitrary<byte[]> mutated(String valid) {
        byte[] v = valid.getBytes(StandardCharsets.UTF_8);
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, v.length),
                Arbitraries.bytes()).as((kind, at, b) -> {
                    int i = Math.min(at, v.length - 1);
                    return switch (kind) {
                        case 0 -> java.util.Arrays.copyOf(v, at);
                        case 1 -> {
                            byte[] c = v.clone();
                            c[i] = b;
                            yield c;
                        }
                        default -> {
                            byte[] c = new byte[v.length + 1];
                            System.arraycopy(v, 0, c, 0, at);
                            c[at] = b;
                            System.arraycopy(v, at, c, at + 1, v.length - at);
                            yield c;
                        }
                    };
                });
    }

    // ---- Commands.

    @Property
    void commandDecoderNeverThrowsOnBytes(@ForAll @Size(max = 300) byte[] payload, @ForAll("targets")
            Topics.CommandTarget target, @ForAll boolean retained) {
        CommandDecoder.Decoded d = commands.decode(target, payload, retained);
        assertTrue(d instanceof CommandDecoder.Decoded.Rejected, "random bytes became " + d);
    }

    @Property
    void commandDecoderNeverThrowsOnMutatedCommands(@ForAll("mutatedCommand") byte[] payload) {
        commands.decode(new Topics.CommandTarget.Site(), payload, false); // no exception is the property
    }

    @Provide
    Arbitrary<byte[]> mutatedCommand() {
        return mutated("{\"id\":\"c-1\",\"action\":\"LOCKDOWN\",\"drill\":false,\"operator\":\"rivera\","
                + "\"reason\":\"intruder\",\"signature\":null}");
    }

    /** Only a message whose every field has its exact type (and nothing else) becomes a request. */
    @Property
    void onlyAnExactlyTypedCommandBecomesARequest(@ForAll("commandObjects") ObjectNode cmd,
            @ForAll("targets") Topics.CommandTarget target) throws Exception {
        CommandDecoder.Decoded d = commands.decode(target, JSON.writeValueAsBytes(cmd), false);
        if (d instanceof CommandDecoder.Decoded.Request r) {
            assertTrue(validModeCommand(cmd, target), "accepted " + cmd + " on " + target);
            assertEquals(cmd.has("drill") && cmd.get("drill").booleanValue(), r.request().drill());
        } else if (d instanceof CommandDecoder.Decoded.Audit) {
            assertTrue(cmd.get("action").asText().startsWith("LOCK_TEST"), "audit from " + cmd);
            assertTrue(target.equals(new Topics.CommandTarget.Controller("c0")), "audit on " + target);
        } else {
            assertFalse(validModeCommand(cmd, target), "refused a valid command " + cmd + " on " + target + ": " + d);
        }
    }

    /** The oracle: the documented rules of docs/mqtt.md, written independently of the decoder. */
    static boolean validModeCommand(ObjectNode c, Topics.CommandTarget target) {
        Set<String> allowed = Set.of("id", "action", "drill", "zone", "operator", "reason", "signature");
        for (var it = c.fieldNames(); it.hasNext();) {
            if (!allowed.contains(it.next())) {
                return false;
            }
        }
        boolean ok = c.path("id").isTextual() && CommandDecoder.COMMAND_ID.matcher(c.get("id").asText()).matches()
                && c.path("action").isTextual() && Set.of("LOCKDOWN", "SECURE", "ALL_CLEAR")
                        .contains(c.get("action").asText())
                && (!c.has("drill") || c.get("drill").isBoolean())
                && c.path("operator").isTextual() && org.lockstep.controller.core.Ids.isValid(c.get("operator").asText())
                && (!c.has("reason") || (c.get("reason").isTextual() && c.get("reason").asText().length() <= 256))
                && (!c.has("signature") || c.get("signature").isNull())
                && (!c.has("zone") || c.get("zone").isTextual());
        if (!ok) {
            return false;
        }
        String zone = c.has("zone") ? c.get("zone").asText() : null;
        return switch (target) {
            case Topics.CommandTarget.Site s -> zone == null;
            case Topics.CommandTarget.Zone z -> ZONES.contains(z.zoneId()) && (zone == null || zone.equals(z.zoneId()));
            case Topics.CommandTarget.Controller k -> k.controllerId().equals("c0")
                    && (zone == null || ZONES.contains(zone));
        };
    }

    // ---- Peer zone modes.

    @Property
    void peerDecoderNeverThrowsOnBytes(@ForAll @Size(max = 300) byte[] payload,
            @ForAll("zoneTopics") String topicZone) {
        PeerZoneDecoder.Decoded d = peers.decode(topicZone, payload);
        assertFalse(d instanceof PeerZoneDecoder.Decoded.Peer, "random bytes became " + d);
    }

    @Provide
    Arbitrary<String> zoneTopics() {
        return Arbitraries.of("z0", "z1", "gym", "zzz-not-a-zone", "");
    }

    @Property
    void peerDecoderNeverThrowsOnMutatedZoneModes(@ForAll("mutatedZoneMode") byte[] payload) {
        peers.decode("z0", payload);
    }

    @Provide
    Arbitrary<byte[]> mutatedZoneMode() {
        return mutated("{\"zone\":\"z0\",\"mode\":\"LOCKDOWN\",\"drill\":false,\"since\":\"2026-11-23T10:00:00Z\","
                + "\"sinceMs\":5,\"trigger\":{\"kind\":\"operator\",\"id\":\"rivera\"},\"reason\":\"x\","
                + "\"version\":3,\"controller\":\"c1\"}");
    }

    /** Only a zone mode from a site controller, on a site zone, version in bounds, exact types, becomes an event. */
    @Property
    void onlyAValidPeerZoneModeBecomesAnEvent(@ForAll("zoneObjects") ObjectNode zm,
            @ForAll("zoneTopics") String topicZone) throws Exception {
        PeerZoneDecoder.Decoded d = peers.decode(topicZone, JSON.writeValueAsBytes(zm));
        boolean valid = validZoneMode(zm, topicZone);
        if (d instanceof PeerZoneDecoder.Decoded.Peer p) {
            assertTrue(valid, "accepted " + zm + " on " + topicZone);
            assertEquals(topicZone, p.event().zoneId());
            assertTrue(p.event().version() >= 1 && p.event().version() <= ZoneMode.MAX_VERSION);
        } else if (d instanceof PeerZoneDecoder.Decoded.Rejected) {
            assertFalse(valid, "refused a valid zone mode " + zm + " on " + topicZone + ": " + d);
        }
    }

    static boolean validZoneMode(ObjectNode z, String topicZone) {
        Set<String> allowed = Set.of("zone", "mode", "drill", "since", "sinceMs", "trigger", "reason", "version",
                "controller", "signature");
        for (var it = z.fieldNames(); it.hasNext();) {
            if (!allowed.contains(it.next())) {
                return false;
            }
        }
        JsonNode t = z.get("trigger");
        boolean triggerOk = t == null || t.isNull() || (t.isObject() && t.size() == 2
                && Map.of("operator", Set.of("rivera", "office", "janitor")).getOrDefault(t.path("kind").asText(""),
                        Set.of()).contains(t.path("id").asText("-")) && t.get("id").isTextual()
                && t.get("kind").isTextual());
        return ZONES.contains(topicZone)
                && z.path("controller").isTextual() && Set.of("c1", "c2").contains(z.get("controller").asText())
                && (!z.has("zone") || (z.get("zone").isTextual() && z.get("zone").asText().equals(topicZone)))
                && z.path("version").isIntegralNumber() && z.get("version").canConvertToLong()
                && z.get("version").longValue() >= 0 && z.get("version").longValue() <= ZoneMode.MAX_VERSION
                && z.path("mode").isTextual() && Set.of("NORMAL", "SECURE", "LOCKDOWN").contains(z.get("mode").asText())
                && z.path("drill").isBoolean()
                && !(z.get("mode").asText().equals("NORMAL") && z.get("drill").booleanValue())
                && (!z.has("reason") || (z.get("reason").isTextual() && z.get("reason").asText().length() <= 1024))
                && (!z.has("since") || z.get("since").isTextual())
                && (!z.has("sinceMs") || z.get("sinceMs").isIntegralNumber())
                && triggerOk;
    }

    // ---- Site-bus shares.

    @Property
    void busDecoderNeverThrows(@ForAll @Size(max = 300) byte[] payload) {
        assertFalse(bus.decode(payload) instanceof BusDecoder.Decoded.Share);
    }

    @Property
    void busDecoderNeverThrowsOnMutatedShares(@ForAll("mutatedShare") byte[] payload) {
        bus.decode(payload);
    }

    @Provide
    Arbitrary<byte[]> mutatedShare() {
        return mutated("{\"id\":\"panic-p1-5\",\"mode\":\"LOCKDOWN\",\"zone\":null,\"drill\":false,\"source\":"
                + "{\"kind\":\"panic_button\",\"id\":\"p1\"},\"reason\":\"panic\",\"from\":\"c1\","
                + "\"at\":\"2026-11-23T10:00:00Z\"}");
    }

    @Property
    void busDecoderOnGeneratedObjects(@ForAll("shareObjects") ObjectNode share) throws Exception {
        bus.decode(JSON.writeValueAsBytes(share));
    }

    @Provide
    Arbitrary<ObjectNode> shareObjects() {
        return objects(List.of("id", "mode", "zone", "drill", "source", "reason", "from", "at", "extra"));
    }
}
