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
}
