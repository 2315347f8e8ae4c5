package org.lockstep.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lockstep.controller.core.Permission;
import org.lockstep.controller.trust.Ed25519PrivateKey;
import org.lockstep.controller.trust.MessageSigner;

/**
 * Browser sessions, their CSRF tokens, and who has signed in on them. The page gets a session cookie ({@code Secure;
 * HttpOnly; SameSite=Strict}) when it loads, and its token from {@code GET /api/session} (same-origin only: another
 * site cannot read it). An action is accepted only with a known session cookie and that session's token in the
 * {@code X-CSRF-Token} header, compared in constant time.
 *
 * <p>Signing in replaces the session by a new one (new id, new token: a cookie planted before sign-in is worth
 * nothing after it) that holds the operator's decrypted key in memory only. Signing out, {@link #idleSignOutMs} without
 * an action or a sign-in, or the session being forgotten, wipes the key. The time is handed in.
 */
final class Sessions {
    static final String COOKIE = "lockstep_console";
    static final String HEADER = "X-CSRF-Token";
    /** Sessions kept; the oldest is forgotten beyond this (its page must reload). */
    static final int MAX_SESSIONS = 1_000;
    /** The default idle sign-out: 10 minutes. */
    static final long DEFAULT_IDLE_SIGN_OUT_MS = 10 * 60_000L;

    /** An operator signed in on one session: the key is wiped on sign-out. */
    static final class Operator {
        private final String id;
        private final String name;
        private final Set<Permission> permissions;
        private final Ed25519PrivateKey key;
        private long lastActiveMs;

        Operator(String id, String name, Set<Permission> permissions, Ed25519PrivateKey key, long nowMs) {
            this.id = id;
            this.name = name;
            this.permissions = Set.copyOf(permissions);
            this.key = key;
            this.lastActiveMs = nowMs;
        }

        String id() {
            return id;
        }

        String name() {
            return name;
        }

        boolean may(Permission p) {
            return permissions.contains(p);
        }

        MessageSigner signer() {
            return new MessageSigner(id, key);
        }

        private void wipe() {
            key.destroy();
        }
    }

    record Session(String id, String csrf, Optional<Operator> operator) {
        Session(String id, String csrf) {
            this(id, csrf, Optional.empty());
        }
    }

    private final long idleSignOutMs;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            if (size() > MAX_SESSIONS) {
                eldest.getValue().operator().ifPresent(Operator::wipe);
                return true;
            }
            return false;
        }
    };

    Sessions() {
        this(DEFAULT_IDLE_SIGN_OUT_MS);
    }

    Sessions(long idleSignOutMs) {
        if (idleSignOutMs <= 0) {
            throw new IllegalArgumentException("idleSignOutMs must be positive, was " + idleSignOutMs);
        }
        this.idleSignOutMs = idleSignOutMs;
    }

    long idleSignOutMs() {
        return idleSignOutMs;
    }

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

    /** Replaces the session {@code cookie} (signed in or not) by a new one with {@code operator} signed in. */
    synchronized Session signIn(String cookie, Operator operator) {
        forget(cookie);
        Session s = new Session(token(), token(), Optional.of(operator));
        byId.put(s.id(), s);
        return s;
    }

    /** Signs out whoever is on {@code cookie}'s session (key wiped) and returns a new anonymous session for the page. */
    synchronized Session signOut(String cookie) {
        forget(cookie);
        return create();
    }

    /**
     * Who is signed in on {@code cookie}'s session, signing them out first if they have been idle too long;
     * {@code touch} counts this as activity (an action, not the page's polling).
     */
    synchronized Optional<Operator> operator(String cookie, long nowMs, boolean touch) {
        Optional<Session> s = find(cookie);
        if (s.isEmpty() || s.get().operator().isEmpty()) {
            return Optional.empty();
        }
        Operator op = s.get().operator().get();
        if (nowMs - op.lastActiveMs >= idleSignOutMs) {
            idle(s.get());
            return Optional.empty();
        }
        if (touch) {
            op.lastActiveMs = nowMs;
        }
        return Optional.of(op);
    }

    /** Signs out every session idle too long (its key wiped, the session kept anonymous); returns how many. */
    synchronized int signOutIdle(long nowMs) {
        List<Session> idle = new ArrayList<>();
        byId.values().forEach(s -> s.operator().filter(op -> nowMs - op.lastActiveMs >= idleSignOutMs)
                .ifPresent(op -> idle.add(s)));
        idle.forEach(this::idle);
        return idle.size();
    }

    private void idle(Session s) {
        s.operator().ifPresent(Operator::wipe);
        byId.put(s.id(), new Session(s.id(), s.csrf()));
    }

    private void forget(String cookie) {
        if (cookie != null) {
            Session old = byId.remove(cookie);
            if (old != null) {
                old.operator().ifPresent(Operator::wipe);
            }
        }
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
