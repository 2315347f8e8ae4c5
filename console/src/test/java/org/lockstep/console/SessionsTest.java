package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SessionsTest {
    private final Sessions sessions = new Sessions();

    @Test
    void an_action_needs_a_known_session_and_that_sessions_token() {
        Sessions.Session a = sessions.create();
        Sessions.Session b = sessions.create();
        assertEquals(Optional.empty(), sessions.refusal(a.id(), a.csrf()));
        assertTrue(sessions.refusal(a.id(), b.csrf()).orElseThrow().contains("wrong"), "another session's token");
        assertTrue(sessions.refusal(a.id(), null).orElseThrow().contains("missing"));
        assertTrue(sessions.refusal(a.id(), "").orElseThrow().contains("missing"));
        assertTrue(sessions.refusal(null, a.csrf()).orElseThrow().contains("no console session"));
        assertTrue(sessions.refusal("forged", a.csrf()).orElseThrow().contains("no console session"));
        assertNotEquals(a.id(), a.csrf(), "the token is not the cookie");
    }

    @Test
    void the_cookie_is_secure_http_only_and_same_site_strict() {
        String c = Sessions.setCookie(sessions.create());
        assertTrue(c.contains("; Secure") && c.contains("; HttpOnly") && c.contains("; SameSite=Strict"), c);
    }

    @Test
    void sessions_are_bounded_and_the_least_recently_used_is_forgotten() {
        Sessions.Session first = sessions.create();
        Sessions.Session second = sessions.create();
        sessions.find(first.id()); // used: the second is now the eldest
        for (int i = 0; i < Sessions.MAX_SESSIONS - 1; i++) {
            sessions.create();
        }
        assertTrue(sessions.find(first.id()).isPresent());
        assertTrue(sessions.find(second.id()).isEmpty());
    }

    private static Sessions.Operator operator(String id, long nowMs) {
        return new Sessions.Operator(id, id, java.util.Set.of(org.lockstep.controller.core.Permission.ALL_CLEAR),
                org.lockstep.controller.trust.Ed25519PrivateKey.generate(new java.security.SecureRandom()), nowMs);
    }

    @Test
    void signing_in_replaces_the_session_and_signing_out_wipes_the_key() {
        Sessions s = new Sessions(600_000);
        Sessions.Session before = s.create();
        Sessions.Operator op = operator("okafor", 0);
        Sessions.Session after = s.signIn(before.id(), op);
        assertNotEquals(before.id(), after.id(), "a new session id at sign-in");
        assertNotEquals(before.csrf(), after.csrf());
        assertTrue(s.find(before.id()).isEmpty(), "the session from before sign-in is gone");
        assertEquals(Optional.of(op), s.operator(after.id(), 1, true));
        Sessions.Session out = s.signOut(after.id());
        assertTrue(s.operator(after.id(), 2, true).isEmpty() && s.operator(out.id(), 2, true).isEmpty());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> op.signer().sign("t",
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()), "the key is wiped");
    }

    @Test
    void ten_minutes_without_an_action_signs_out_and_polling_does_not_count() {
        Sessions s = new Sessions(600_000);
        Sessions.Operator op = operator("okafor", 0);
        String id = s.signIn(null, op).id();
        assertTrue(s.operator(id, 300_000, true).isPresent(), "an action at 5 min");
        assertTrue(s.operator(id, 899_999, false).isPresent(), "a poll at 14:59");
        assertEquals(0, s.signOutIdle(899_999));
        assertEquals(1, s.signOutIdle(900_000), "10 min after the action");
        assertTrue(s.operator(id, 900_001, true).isEmpty());
        assertTrue(s.find(id).isPresent(), "the page keeps its session, without the operator");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> op.signer().sign("t",
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()), "the key is wiped");
        Sessions.Operator op2 = operator("rivera", 0);
        String id2 = s.signIn(null, op2).id();
        assertTrue(s.operator(id2, 600_000, false).isEmpty(), "asking after the idle time signs out too");
    }
}
