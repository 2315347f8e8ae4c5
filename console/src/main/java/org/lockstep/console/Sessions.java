package org.lockstep.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Browser sessions and their CSRF tokens. The page gets a session cookie ({@code Secure; HttpOnly; SameSite=Strict})
 * when it loads, and its token from {@code GET /api/session} (same-origin only: another site cannot read it). An action
 * is accepted only with a known session cookie and that session's token in the {@code X-CSRF-Token} header, compared
 * in constant time. No sign-in yet: a session only proves the POST came from the console's own page.
 */
final class Sessions {
    static final String COOKIE = "lockstep_console";
    static final String HEADER = "X-CSRF-Token";
    /** Sessions kept; the oldest is forgotten beyond this (its page must reload). */
    static final int MAX_SESSIONS = 1_000;

    record Session(String id, String csrf) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    synchronized Session create() {
        Session s = new Session(token(), token());
        byId.put(s.id(), s);
        return s;
    }

    synchronized Optional<Session> find(String cookie) {
        return cookie == null ? Optional.empty() : Optional.ofNullable(byId.get(cookie));
    }

    /** Empty if the request may act; else why not (for the 403 body). */
    synchronized Optional<String> refusal(String cookie, String csrfHeader) {
        Optional<Session> s = find(cookie);
        if (s.isEmpty()) {
            return Optional.of("no console session: reload the page");
        }
        if (csrfHeader == null || csrfHeader.isEmpty()) {
            return Optional.of("missing " + HEADER + " header: actions come only from the console's own page");
        }
        if (!MessageDigest.isEqual(s.get().csrf().getBytes(StandardCharsets.UTF_8),
                csrfHeader.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("wrong " + HEADER + ": reload the page");
        }
        return Optional.empty();
    }

    static String setCookie(Session s) {
        return COOKIE + "=" + s.id() + "; Path=/; Secure; HttpOnly; SameSite=Strict";
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
