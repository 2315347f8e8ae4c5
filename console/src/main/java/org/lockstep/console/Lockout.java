package org.lockstep.console;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sign-in lockout per operator id: {@link #FAILURES} wrong passwords in a row lock that id out of sign-in for
 * {@link #FIRST_LOCKOUT_MS}, each further lockout twice the last (at most {@link #MAX_LOCKOUT_MS}); a sign-in that
 * succeeds forgets it all. It locks sign-in only: LOCKDOWN and SECURE never ask it (anyone may call a lockdown).
 * Only the site file's operator ids are tracked, so the table is bounded by the site file. The time is handed in.
 * With {@code --data DIR} every change is written through ({@link LockoutFile}) on the caller's thread, the sign-in
 * worker's, and the table starts from the file: a restart does not reset an attacker's count.
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
    private final Consumer<List<LockoutFile.Entry>> saver;

    Lockout(Set<String> operators) {
        this(operators, List.of(), entries -> {});
    }

    /** @param restored the counts a previous run left ({@link LockoutFile#read}); {@code saver} gets every change */
    Lockout(Set<String> operators, List<LockoutFile.Entry> restored, Consumer<List<LockoutFile.Entry>> saver) {
        this.operators = Set.copyOf(operators);
        this.saver = saver;
        for (LockoutFile.Entry r : restored) {
            if (this.operators.contains(r.operator())) {
                Entry e = new Entry();
                e.failures = r.failures();
                e.lockedUntilMs = r.lockedUntilMs();
                e.nextLockoutMs = r.nextLockoutMs();
                byOperator.put(r.operator(), e);
            }
        }
    }

    private void save() {
        saver.accept(byOperator.entrySet().stream().map(x -> new LockoutFile.Entry(x.getKey(), x.getValue().failures,
                x.getValue().lockedUntilMs, x.getValue().nextLockoutMs)).sorted(Comparator.comparing(
                        LockoutFile.Entry::operator)).toList());
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
            save();
            return Optional.empty();
        }
        e.failures = 0;
        e.lockedUntilMs = nowMs + e.nextLockoutMs;
        e.nextLockoutMs = Math.min(e.nextLockoutMs * 2, MAX_LOCKOUT_MS);
        save();
        return Optional.of(e.lockedUntilMs);
    }

    synchronized void succeeded(String operator) {
        if (byOperator.remove(operator) != null) {
            save();
        }
    }
}
