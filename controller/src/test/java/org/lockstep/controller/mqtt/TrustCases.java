package org.lockstep.controller.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.trust.MessageSigner;
import org.lockstep.controller.trust.TrustFixture;

/**
 * Commands that a laptop on the broker without the right key might send, each refused by the signature check with
 * its reason (docs/SECURITY.md). {@link BadCommandTest} sends each to a real controller over a real broker, during a
 * LOCKDOWN, and checks that no zone and no relay moved.
 */
final class TrustCases {
    static final String SITE = "lockstep/test/cmd/site";
    static final long WINDOW_MS = org.lockstep.controller.trust.CommandVerifier.WINDOW_MS;

    private TrustCases() {}

    static String sign(String topic, String json, long issuedAt) {
        ObjectNode c = parse(json).put("issuedAt", issuedAt);
        return MqttFixture.signer(c.get("operator").asText()).sign(topic, c).toString();
    }

    static List<BadCommandTest.Bad> cases() {
        long now = System.currentTimeMillis();
        List<BadCommandTest.Bad> b = new ArrayList<>();
        b.add(of("ALL CLEAR without a signature", "{\"id\":\"t1\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\","
                + "\"issuedAt\":" + now + "}", "t1", "refused (unsigned)"));
        ObjectNode forged = parse("{\"id\":\"t2\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\"}").put("issuedAt", now);
        forged.put("signature", Base64.getEncoder().encodeToString(new byte[64]));
        b.add(of("ALL CLEAR with a forged signature", forged.toString(), "t2", "refused (bad signature)"));
        ObjectNode wrongKey = parse("{\"id\":\"t3\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\"}").put("issuedAt", now);
        new MessageSigner("rivera", TrustFixture.key("mallory")).sign(SITE, wrongKey);
        b.add(of("ALL CLEAR as rivera signed with another key", wrongKey.toString(), "t3", "refused (bad signature)"));
        b.add(of("ALL CLEAR by an initiate-only holder (the front desk may start, never end)", sign(SITE,
                "{\"id\":\"t4\",\"action\":\"ALL_CLEAR\",\"operator\":\"desk\"}", now), "t4", "refused (not allowed)"));
        ObjectNode tampered = parse(sign(SITE, "{\"id\":\"t5\",\"action\":\"LOCKDOWN\",\"operator\":\"rivera\"}", now));
        tampered.put("action", "ALL_CLEAR");
        b.add(of("LOCKDOWN turned into ALL CLEAR after signing", tampered.toString(), "t5", "refused (bad signature)"));
        b.add(of("ALL CLEAR issued 6 minutes ago", sign(SITE, "{\"id\":\"t6\",\"action\":\"ALL_CLEAR\","
                + "\"operator\":\"rivera\"}", now - WINDOW_MS - 60_000), "t6", "refused (outside the time window)"));
        b.add(of("zone ALL CLEAR moved to the site topic", sign("lockstep/test/cmd/zone/z0",
                "{\"id\":\"t7\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\"}", now), "t7",
                "refused (bad signature)"));
        b.add(of("ALL CLEAR signed by a controller's key", sign(SITE, "{\"id\":\"t8\",\"action\":\"ALL_CLEAR\","
                + "\"operator\":\"c0\"}", now), "t8", "refused (not allowed)"));
        return b;
    }

    private static BadCommandTest.Bad of(String name, String payload, String id, String reason) {
        return new BadCommandTest.Bad(name, "cmd/site", payload.getBytes(StandardCharsets.UTF_8), false, id, reason);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) CommandDecoder.STRICT.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
