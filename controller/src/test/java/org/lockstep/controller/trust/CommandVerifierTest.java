package org.lockstep.controller.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Permission;

class CommandVerifierTest {
    static final long NOW = 1_796_385_600_000L;
    static final String SITE = "p/cmd/site";
    static final Ed25519PrivateKey OKAFOR = TrustFixture.key("okafor");
    static final Ed25519PrivateKey DESK = TrustFixture.key("front-desk");
    static final Ed25519PrivateKey RIVERA = TrustFixture.key("rivera");
    static final Ed25519PrivateKey EAST = TrustFixture.key("east-wing");
    static final Ed25519PrivateKey OLD = TrustFixture.key("old");
    static final Predicate<String> NEVER_SEEN = id -> false;

    static final KeyRing RING = new KeyRing(Map.of(
            "okafor", new KeyHolder("okafor", KeyHolder.Kind.OPERATOR, OKAFOR.publicKey(),
                    EnumSet.allOf(Permission.class), Optional.empty()),
            "rivera", new KeyHolder("rivera", KeyHolder.Kind.OPERATOR, RIVERA.publicKey(),
                    EnumSet.allOf(Permission.class), Optional.of(Set.of("east"))),
            "front-desk", new KeyHolder("front-desk", KeyHolder.Kind.CONSOLE, DESK.publicKey(),
                    EnumSet.of(Permission.INITIATE), Optional.empty()),
            "east-wing", new KeyHolder("east-wing", KeyHolder.Kind.CONTROLLER, EAST.publicKey(),
                    Set.of(), Optional.empty()),
            "gone", new KeyHolder("gone", KeyHolder.Kind.OPERATOR, OLD.publicKey(),
                    EnumSet.allOf(Permission.class), Optional.empty())),
            Set.of(OLD.publicKey()));
    final CommandVerifier verifier = new CommandVerifier(RING);

    static ObjectNode command(String id, String action, String holder, long issuedAt) {
        return new ObjectMapper().createObjectNode().put("id", id).put("action", action).put("drill", false)
                .put("operator", holder).put("issuedAt", issuedAt);
    }

    static ObjectNode signed(Ed25519PrivateKey key, String topic, ObjectNode c) {
        return new MessageSigner(c.get("operator").asText(), key).sign(topic, c);
    }

    static CommandClaim claim(ObjectNode c, Optional<String> zone) {
        return new CommandClaim(c.get("operator").asText(), c.get("id").asText(),
                CommandClaim.Action.valueOf(c.get("action").asText()), c.get("drill").asBoolean(), zone);
    }

    Verdict judge(String topic, ObjectNode c, Optional<String> zone, ClockState clock, Predicate<String> seen) {
        return verifier.verify(topic, c, claim(c, zone), NOW, clock, seen);
    }

    Verdict judge(ObjectNode c) {
        return judge(SITE, c, Optional.empty(), ClockState.SYNCHRONISED, NEVER_SEEN);
    }

    static Refusal refusal(Verdict v) {
        return assertInstanceOf(Verdict.Refused.class, v, "expected a refusal").reason();
    }

    @Test
    void aCorrectlySignedFreshCommandIsTrustedAsItsHolder() {
        Verdict v = judge(signed(OKAFOR, SITE, command("c1", "ALL_CLEAR", "okafor", NOW - 60_000)));
        assertEquals("okafor", assertInstanceOf(Verdict.Trusted.class, v).holder().id());
        assertEquals(Optional.empty(), ((Verdict.Trusted) v).note());
    }

    @Test
    void anUnsignedCommandIsRefused() {
        assertEquals(Refusal.UNSIGNED, refusal(judge(command("c1", "ALL_CLEAR", "okafor", NOW))));
    }

    @Test
    void aForgedSignatureIsRefused() {
        ObjectNode c = command("c1", "ALL_CLEAR", "okafor", NOW);
        c.put("signature", java.util.Base64.getEncoder().encodeToString(new byte[64]));
        assertEquals(Refusal.BAD_SIGNATURE, refusal(judge(c)));
    }

    @Test
    void aCommandSignedWithAnotherHoldersKeyIsRefused() {
        ObjectNode c = new MessageSigner("okafor", RIVERA).sign(SITE, command("c1", "ALL_CLEAR", "okafor", NOW));
        assertEquals(Refusal.BAD_SIGNATURE, refusal(judge(c)));
    }

    @Test
    void aFieldChangedOrAddedAfterSigningBreaksTheSignature() {
        ObjectNode c = signed(OKAFOR, SITE, command("c1", "LOCKDOWN", "okafor", NOW));
        c.put("drill", true);
        assertEquals(Refusal.BAD_SIGNATURE, refusal(judge(c)));
        ObjectNode d = signed(OKAFOR, SITE, command("c2", "LOCKDOWN", "okafor", NOW));
        d.put("reason", "added later");
        assertEquals(Refusal.BAD_SIGNATURE, refusal(judge(d)));
    }

    @Test
    void aZoneCommandMovedToTheSiteTopicIsRefused() {
        ObjectNode c = signed(OKAFOR, "p/cmd/zone/east", command("c1", "ALL_CLEAR", "okafor", NOW));
        assertEquals(Refusal.BAD_SIGNATURE, refusal(judge(c)));
    }

    @Test
    void anUnknownHolderIsRefused() {
        assertEquals(Refusal.UNKNOWN_KEY, refusal(judge(signed(OKAFOR, SITE, command("c1", "LOCKDOWN", "nobody",
                NOW)))));
    }

    @Test
    void aRevokedKeyIsRefusedEvenWhenAHolderStillNamesIt() {
        assertEquals(Refusal.REVOKED_KEY, refusal(judge(signed(OLD, SITE, command("c1", "LOCKDOWN", "gone", NOW)))));
    }

    @Test
    void aConsoleMayStartALockdownButNeverEndOne() {
        assertTrue(judge(signed(DESK, SITE, command("c1", "LOCKDOWN", "front-desk", NOW))).trusted());
        assertEquals(Refusal.NOT_ALLOWED, refusal(judge(signed(DESK, SITE, command("c2", "ALL_CLEAR", "front-desk",
                NOW)))));
    }

    @Test
    void aControllerKeySignsNoCommands() {
        assertEquals(Refusal.NOT_ALLOWED, refusal(judge(signed(EAST, SITE, command("c1", "LOCKDOWN", "east-wing",
                NOW)))));
    }

    @Test
    void aZoneLimitedOperatorActsInTheirZoneOnly() {
        ObjectNode inZone = signed(RIVERA, "p/cmd/zone/east", command("c1", "ALL_CLEAR", "rivera", NOW));
        assertTrue(judge("p/cmd/zone/east", inZone, Optional.of("east"), ClockState.SYNCHRONISED, NEVER_SEEN)
                .trusted());
        ObjectNode other = signed(RIVERA, "p/cmd/zone/west", command("c2", "ALL_CLEAR", "rivera", NOW));
        assertEquals(Refusal.NOT_ALLOWED, refusal(judge("p/cmd/zone/west", other, Optional.of("west"),
                ClockState.SYNCHRONISED, NEVER_SEEN)));
        assertEquals(Refusal.NOT_ALLOWED, refusal(judge(signed(RIVERA, SITE, command("c3", "ALL_CLEAR", "rivera",
                NOW)))));
    }

    @Test
    void aSeenIdIsAReplay() {
        ObjectNode c = signed(OKAFOR, SITE, command("c1", "ALL_CLEAR", "okafor", NOW));
        assertEquals(Refusal.REPLAYED, refusal(judge(SITE, c, Optional.empty(), ClockState.SYNCHRONISED,
                "c1"::equals)));
    }

    @Test
    void anAllClearOutsideTheWindowIsStaleEitherWay() {
        assertEquals(Refusal.STALE, refusal(judge(signed(OKAFOR, SITE, command("c1", "ALL_CLEAR", "okafor",
                NOW - CommandVerifier.WINDOW_MS - 1)))));
        assertEquals(Refusal.STALE, refusal(judge(signed(OKAFOR, SITE, command("c2", "ALL_CLEAR", "okafor",
                NOW + CommandVerifier.WINDOW_MS + 1)))));
        assertTrue(judge(signed(OKAFOR, SITE, command("c3", "ALL_CLEAR", "okafor", NOW - CommandVerifier.WINDOW_MS)))
                .trusted());
    }

    @Test
    void withAnUnknownClockOnlyARealLockdownIsAccepted() {
        ObjectNode allClear = signed(OKAFOR, SITE, command("c1", "ALL_CLEAR", "okafor", NOW));
        assertEquals(Refusal.CLOCK_UNKNOWN, refusal(judge(SITE, allClear, Optional.empty(), ClockState.UNKNOWN,
                NEVER_SEEN)));
        ObjectNode lockdown = signed(OKAFOR, SITE, command("c2", "LOCKDOWN", "okafor", NOW));
        Verdict v = judge(SITE, lockdown, Optional.empty(), ClockState.UNKNOWN, NEVER_SEEN);
        assertTrue(assertInstanceOf(Verdict.Trusted.class, v).note().orElseThrow().contains("not synchronised"));
        ObjectNode drill = command("c3", "LOCKDOWN", "okafor", NOW).put("drill", true);
        assertEquals(Refusal.CLOCK_UNKNOWN, refusal(judge(SITE, signed(OKAFOR, SITE, drill), Optional.empty(),
                ClockState.UNKNOWN, NEVER_SEEN)));
    }

    @Test
    void aStaleRealLockdownStillLocksWithANote() {
        Verdict v = judge(signed(OKAFOR, SITE, command("c1", "LOCKDOWN", "okafor", NOW - 86_400_000L)));
        assertTrue(assertInstanceOf(Verdict.Trusted.class, v).note().orElseThrow().contains("86400 s old"));
    }

    @Test
    void aStaleLockdownThatWasSeenIsStillAReplay() {
        ObjectNode c = signed(OKAFOR, SITE, command("c1", "LOCKDOWN", "okafor", NOW - 86_400_000L));
        assertEquals(Refusal.REPLAYED, refusal(judge(SITE, c, Optional.empty(), ClockState.UNKNOWN, "c1"::equals)));
    }

    @Test
    void malformedSignatureOrIssuedAtIsRefusedWithoutThrowing() {
        ObjectNode a = command("c1", "LOCKDOWN", "okafor", NOW).put("signature", "not base64!");
        assertEquals(Refusal.MALFORMED, refusal(judge(a)));
        ObjectNode b = signed(OKAFOR, SITE, command("c2", "LOCKDOWN", "okafor", NOW));
        b.put("issuedAt", "soon");
        assertEquals(Refusal.MALFORMED, refusal(judge(b)));
        ObjectNode c = command("c3", "LOCKDOWN", "okafor", NOW);
        c.put("x", 1.5);
        assertEquals(Refusal.MALFORMED, refusal(judge(signed(OKAFOR, SITE, command("c4", "LOCKDOWN", "okafor", NOW))
                .put("x", 1.5))));
    }
}
