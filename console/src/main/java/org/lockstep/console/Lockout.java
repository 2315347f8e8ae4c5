package org.lockstep.console;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in lockout per operator id: {@link #FAILURES} wrong passwords in a row lock that id out of sign-in for
 * {@link #FIRST_LOCKOUT_MS}, each further lockout twice the last (at most {@link #MAX_LOCKOUT_MS}); a sign-in that
 * succeeds forgets it all. It locks sign-in only: LOCKDOWN and SECURE never ask it (anyone may call a lockdown).
 * Only the site file's operator ids are tracked, so the table is bounded by the site file. The time is handed in.
 */
final class Lockout {
    static final int FAILURES = 5;
    static final long FIRST_LOCKOUT_MS = 5 * 60_000L;
    static final long MAX_LOCKOUT_MS = 8 * 60 * 60_000L;

    private static final class Entry {
        int failures;
        long lockedUntilMs;
        long nextLockoutMs = FIRST_LOCKOUT_MS;
    }

    private final Set<String> operators;
    private final Map<String, Entry> byOperator = new HashMap<>();

    Lockout(Set<String> operators) {
        this.operators = Set.copyOf(operators);
    }

    /** Empty if {@code operator} may try a password now; else until when it may not (ms since the epoch). */
    synchronized Optional<Long> lockedUntil(String operator, long nowMs) {
        Entry e = byOperator.get(operator);
        return e != null && nowMs < e.lockedUntilMs ? Optional.of(e.lockedUntilMs) : Optional.empty();
    }

    /** A wrong password for {@code operator}; returns the lockout it started, if this was the last failure allowed. */
    synchronized Optional<Long> failed(String operator, long nowMs) {
        if (!operators.contains(operator)) {
            return Optional.empty();
        }
        Entry e = byOperator.computeIfAbsent(operator, k -> new Entry());
        e.failures++;
        if (e.failures < FAILURES) {
            return Optional.empty();
        }
        e.failures = 0;
        e.lockedUntilMs = nowMs + e.nextLockoutMs;
        e.nextLockoutMs = Math.min(e.nextLockoutMs * 2, MAX_LOCKOUT_MS);
        return Optional.of(e.lockedUntilMs);
    }

    synchronized void succeeded(String operator) {
        byOperator.remove(operator);
    }
}
